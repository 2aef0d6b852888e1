using System.Collections.Concurrent;
using System.Management.Automation;
using ApprovalTools.Commands;
using ApprovalTools.Tests.Emulator;

namespace ApprovalTools.Tests.Workers;

/// <summary>
/// What a cmdlet would have shown: every object, error, verbose line, warning, progress record and confirmation
/// asked, recorded without PowerShell; confirmations are answered by <see cref="Answer"/>.
/// </summary>
internal sealed class RecordingSink : ICommandSink
{
    private readonly ConcurrentQueue<object?> _objects = new();
    private readonly ConcurrentQueue<ErrorRecord> _errors = new();
    private readonly ConcurrentQueue<string> _verbose = new();
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<ProgressRecord> _progress = new();
    private readonly ConcurrentQueue<(string Target, string Action)> _asked = new();

    /// <summary>The answer to each confirmation (default yes); throw to play a host that cannot ask.</summary>
    public Func<string, bool> Answer { get; set; } = _ => true;

    public CancellationToken CancelToken { get; set; }

    public IReadOnlyList<object?> Objects => _objects.ToList();
    public IReadOnlyList<ErrorRecord> Errors => _errors.ToList();
    public IReadOnlyList<string> Verbose => _verbose.ToList();
    public IReadOnlyList<string> Warnings => _warnings.ToList();
    public IReadOnlyList<ProgressRecord> Progress => _progress.ToList();
    public IReadOnlyList<(string Target, string Action)> Asked => _asked.ToList();

    public IReadOnlyList<T> Of<T>() => Objects.OfType<T>().ToList();

    public void WriteObject(object? sendToPipeline) => _objects.Enqueue(sendToPipeline);
    public void WriteError(ErrorRecord errorRecord) => _errors.Enqueue(errorRecord);
    public void WriteVerbose(string text) => _verbose.Enqueue(text);
    public void WriteWarning(string text) => _warnings.Enqueue(text);
    public void WriteProgress(ProgressRecord progressRecord) => _progress.Enqueue(progressRecord);

    public Task<bool> ShouldProcessAsync(string target, string action)
    {
        _asked.Enqueue((target, action));
        try { return Task.FromResult(Answer(target)); }
        catch (Exception e) { return Task.FromException<bool>(e); }
    }
}

/// <summary>What the worker tests share: the AWS parameters that reach the emulator of a harness.</summary>
internal static class WorkerRequests
{
    public const string Region = "us-east-1";

    public static AwsParameters AwsFor(Harness emulator) => new()
    {
        Regions = new[] { Region },
        AccessKey = ApprovalTools.Emulator.EmulatorOptions.DefaultAccessKeyId,
        SecretKey = ApprovalTools.Emulator.EmulatorOptions.DefaultSecretAccessKey,
        EndpointUrl = emulator.Server.Url.ToString().TrimEnd('/'),
    };

    /// <summary>
    /// Runs a worker as its cmdlet would: each record's request, then the end of input with <paramref name="end"/>;
    /// returns what it wrote. Confirmations are answered by <paramref name="answer"/> (default yes).
    /// </summary>
    public static async Task<RecordingSink> RunAsync<TRequest>(Func<ICommandSink, ICommandWorker<TRequest>> create,
        IEnumerable<TRequest> records, TRequest end, Func<string, bool>? answer = null)
    {
        var sink = new RecordingSink { Answer = answer ?? (_ => true) };
        using var worker = create(sink);
        foreach (var record in records) await worker.ProcessRecordAsync(record);
        await worker.EndProcessingAsync(end);
        return sink;
    }

    /// <summary>The calls the emulator recorded for one operation.</summary>
    public static IReadOnlyList<ApprovalTools.Emulator.CallRecord> Calls(Harness emulator, string operation) =>
        emulator.State.Calls().Where(c => c.Operation == operation).ToList();
}
