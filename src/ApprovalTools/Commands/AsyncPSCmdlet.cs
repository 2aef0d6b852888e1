using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ApprovalTools.Commands;

/// <summary>
/// Runs each pipeline step as async work off the pipeline thread, turns StopProcessing into a
/// CancellationToken, and brings every write and prompt back to the pipeline thread, which is the
/// only thread PowerShell lets a cmdlet write from.
/// </summary>
public abstract class AsyncPSCmdlet : PSCmdlet, IDisposable, ICommandSink
{
    private readonly CancellationTokenSource _stop = new();
    private BlockingCollection<Action>? _pending;
    private int _pipelineThreadId;

    protected internal CancellationToken CancelToken => _stop.Token;

    protected virtual Task BeginProcessingAsync() => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync() => Task.CompletedTask;
    protected virtual Task EndProcessingAsync() => Task.CompletedTask;

    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);
    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);
    protected sealed override void EndProcessing() => Run(EndProcessingAsync);
    protected override void StopProcessing() => _stop.Cancel();

    private void Run(Func<Task> step)
    {
        using var pending = new BlockingCollection<Action>();
        _pending = pending;
        _pipelineThreadId = Thread.CurrentThread.ManagedThreadId;
        var work = Task.Run(async () =>
        {
            try { await step().ConfigureAwait(false); }
            finally { pending.CompleteAdding(); }
        });

        Exception? failure = null;
        foreach (var action in pending.GetConsumingEnumerable())
        {
            if (failure is not null) continue; // drain; the work is being cancelled
            try { action(); }
            catch (Exception e)
            {
                // A write threw (downstream stopped, -ErrorAction Stop, ...): stop the work, then rethrow here.
                failure = e;
                _stop.Cancel();
            }
        }
        _pending = null;

        if (failure is not null)
        {
            try { work.GetAwaiter().GetResult(); } catch { /* the write's exception is the one that matters */ }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        try { work.GetAwaiter().GetResult(); }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs <paramref name="action"/> on the pipeline thread (now, if already there).</summary>
    protected void OnPipelineThread(Action action)
    {
        var pending = _pending;
        if (pending is null || Thread.CurrentThread.ManagedThreadId == _pipelineThreadId) action();
        else pending.Add(action);
    }

    public new void WriteObject(object? sendToPipeline) => OnPipelineThread(() => base.WriteObject(sendToPipeline));
    public new void WriteError(ErrorRecord errorRecord) => OnPipelineThread(() => base.WriteError(errorRecord));
    public new void WriteVerbose(string text) => OnPipelineThread(() => base.WriteVerbose(text));
    public new void WriteDebug(string text) => OnPipelineThread(() => base.WriteDebug(text));
    public new void WriteWarning(string text) => OnPipelineThread(() => base.WriteWarning(text));
    public new void WriteProgress(ProgressRecord progressRecord) =>
        OnPipelineThread(() => base.WriteProgress(progressRecord));

    CancellationToken ICommandSink.CancelToken => CancelToken;
    Task<bool> ICommandSink.ShouldProcessAsync(string target, string action) => ShouldProcessAsync(target, action);

    /// <summary>
    /// ShouldProcess asked on the pipeline thread; the work waits for the answer. When the host cannot ask
    /// (-NonInteractive, no input to read, no user interface), the task fails with ConfirmationRequired for this
    /// item alone, and the pipeline goes on.
    /// </summary>
    protected internal Task<bool> ShouldProcessAsync(string target, string action)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = CancelToken.Register(() => answer.TrySetCanceled());
        OnPipelineThread(() =>
        {
            try { answer.TrySetResult(ShouldProcess(target, action)); }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                // The console host throws PSInvalidOperationException when non-interactive and
                // NullReferenceException when its input is closed; other hosts throw HostException or their own.
                answer.TrySetException(new ApprovalToolsException(
                    "ConfirmationRequired", ErrorCategory.InvalidOperation,
                    $"Confirmation is needed to {action.ToLowerInvariant()} {target}, and this PowerShell host cannot "
                    + "ask for it (a non-interactive session, or no input to read the answer from). Nothing was done. "
                    + "Add -Force to go ahead without a prompt, or -Confirm:$false."));
            }
            catch (Exception e) { answer.TrySetException(e); throw; }
            finally { registration.Dispose(); }
        });
        return answer.Task;
    }

    /// <summary>Releases what a derived command holds (its worker); called once when PowerShell disposes it.</summary>
    protected virtual void DisposeResources() { }

    public void Dispose()
    {
        DisposeResources();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
