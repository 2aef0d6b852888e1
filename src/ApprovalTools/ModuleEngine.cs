using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ApprovalTools.Commands;

namespace ApprovalTools;

/// <summary>
/// What the cmdlets ask of ApprovalTools.Engine.dll. Only types of this assembly, PowerShell and .NET cross this
/// line, never the AWS SDK's: that is what lets this assembly load in the default context while the SDK stays in
/// its own. A worker gets plain requests and answers through <see cref="ICommandSink"/>; it never sees the cmdlet.
/// </summary>
internal interface IEngine
{
    ICommandWorker<GetPendingApprovalRequest> GetPendingApproval(ICommandSink sink);
    ICommandWorker<GetApprovalHistoryRequest> GetApprovalHistory(ICommandSink sink);
    ICommandWorker<AnswerPipelineActionRequest> AnswerPipelineAction(ICommandSink sink);

    /// <summary>
    /// Names (with tooltips) to complete <paramref name="parameterName"/> (PipelineName, StageName or ActionName)
    /// with, from the account <paramref name="aws"/> points at; stage and action names of the pipeline named.
    /// </summary>
    IEnumerable<(string Name, string Tooltip)> CompletionNames(string parameterName, AwsParameters aws,
        string? pipelineName, string? stageName);
}

/// <summary>The engine's side of one cmdlet invocation, given each step's request; disposed with the cmdlet.</summary>
internal interface ICommandWorker<in TRequest> : IDisposable
{
    Task ProcessRecordAsync(TRequest request);
    Task EndProcessingAsync(TRequest request);
}

/// <summary>
/// Everything a worker may do to its command: write to the streams, ask ShouldProcess, see Ctrl+C. Any thread may
/// call it (<see cref="AsyncPSCmdlet"/> brings each call to the pipeline thread); tests record it.
/// </summary>
internal interface ICommandSink
{
    void WriteObject(object? sendToPipeline);
    void WriteError(ErrorRecord errorRecord);
    void WriteVerbose(string text);
    void WriteWarning(string text);
    void WriteProgress(ProgressRecord progressRecord);

    /// <summary>
    /// The confirmation (or -WhatIf report) for one item; fails with ConfirmationRequired when the host cannot ask.
    /// </summary>
    Task<bool> ShouldProcessAsync(string target, string action);

    /// <summary>Cancelled when the command is stopped (Ctrl+C, or downstream ended).</summary>
    CancellationToken CancelToken { get; }
}

/// <summary>Loads ApprovalTools.Engine.dll once per process, on the first command or completion needing it.</summary>
internal static class ModuleEngine
{
    private const string EngineAssembly = "ApprovalTools.Engine";
    private static readonly Lazy<IEngine> Loaded = new(Load);

    public static IEngine Instance => Loaded.Value;

    private static IEngine Load()
    {
        var folder = Path.GetDirectoryName(typeof(ModuleEngine).Assembly.Location)!;
        try
        {
            var assembly = typeof(object).Assembly.GetName().Name == "System.Private.CoreLib"
                ? LoadIsolated()
                // Windows PowerShell 5.1 has no load contexts: the engine loads from this folder, as a binary
                // module's dependencies do.
                : Assembly.LoadFrom(Path.Combine(folder, EngineAssembly + ".dll"));
            var type = assembly.GetType("ApprovalTools.Engine.CommandEngine", throwOnError: true)!;
            return (IEngine)Activator.CreateInstance(type, nonPublic: true)!;
        }
        catch (Exception caught)
        {
            var e = caught is TargetInvocationException { InnerException: { } inner } ? inner : caught;
            // A damaged installation: say so plainly, once per command, rather than with a loader's stack trace.
            var message = $"ApprovalTools could not load {EngineAssembly}.dll and the AWS SDK from {folder}: "
                + $"{e.Message.TrimEnd()} Reinstall the module, then start a new PowerShell session.";
            var reason = new InvalidOperationException(message, e);
            throw new RuntimeException(message, reason,
                new ErrorRecord(reason, "ModuleEngineNotLoaded", ErrorCategory.ResourceUnavailable, folder));
        }
    }

    // Its own method, so Windows PowerShell never compiles a reference to AssemblyLoadContext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly LoadIsolated() =>
        Loader.IsolatedAssembly.Load(EngineAssembly, typeof(ModuleEngine).Assembly);
}
