using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace ApprovalTools;

/// <summary>
/// What the cmdlets ask of ApprovalTools.Engine.dll. Only types of this assembly, PowerShell and .NET cross this
/// line, never the AWS SDK's: that is what lets this assembly load in the default context while the SDK stays in its own.
/// </summary>
internal interface IEngine
{
    /// <summary>The work behind one invocation of <paramref name="command"/>, which it reads its parameters from.</summary>
    ICommandWorker CreateWorker(PSCmdlet command);

    /// <summary>Names (with tooltips) for a completer, from the account the bound parameters point at.</summary>
    IEnumerable<(string Name, string Tooltip)> CompletionNames(string completer, IDictionary boundParameters);
}

/// <summary>The engine's side of one cmdlet invocation; disposed with the cmdlet.</summary>
internal interface ICommandWorker : IDisposable
{
    Task ProcessRecordAsync();
    Task EndProcessingAsync();
}

/// <summary>Loads ApprovalTools.Engine.dll once per process, on the first command or completion that needs it.</summary>
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
                // Windows PowerShell 5.1 has no load contexts: the engine loads from this folder, as a binary module's dependencies do.
                : Assembly.LoadFrom(Path.Combine(folder, EngineAssembly + ".dll"));
            var type = assembly.GetType("ApprovalTools.Engine.CommandEngine", throwOnError: true)!;
            return (IEngine)Activator.CreateInstance(type, nonPublic: true)!;
        }
        catch (Exception caught)
        {
            var e = caught is TargetInvocationException { InnerException: { } inner } ? inner : caught;
            // A damaged installation: say so plainly, once per command, rather than with a loader's stack trace.
            var message = $"ApprovalTools could not load {EngineAssembly}.dll and the AWS SDK from {folder}: {e.Message.TrimEnd()} Reinstall the module, then start a new PowerShell session.";
            var reason = new InvalidOperationException(message, e);
            throw new RuntimeException(message, reason, new ErrorRecord(reason, "ModuleEngineNotLoaded", ErrorCategory.ResourceUnavailable, folder));
        }
    }

    // Its own method, so Windows PowerShell never compiles a reference to AssemblyLoadContext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly LoadIsolated() => Loader.IsolatedAssembly.Load(EngineAssembly, typeof(ModuleEngine).Assembly);
}
