using System;
using System.Management.Automation;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Client;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// Approve-PipelineAction and Deny-PipelineAction: one implementation, differing only in the status sent. Each record
/// answers the run its own bound object or names point at, after confirmation, and reports the true outcome.
/// </summary>
internal sealed class ApprovalAnswer(AnswerApprovalCommandBase command) : ICommandWorker
{
    private readonly SessionCache _sessions = new(command, command);

    public async Task ProcessRecordAsync()
    {
        // Everything below is computed from the object bound for this item, never from an earlier one.
        var fromObject = command.ParameterSetName == AnswerApprovalCommandBase.ByInputObject ? command.InputObject : null;
        var pipeline = fromObject?.PipelineName ?? command.PipelineName!;
        var stage = fromObject?.StageName ?? command.StageName!;
        var action = fromObject?.ActionName ?? command.ActionName!;
        object target = (object?)fromObject ?? $"{pipeline}/{stage}/{action}";

        // Parameters are validated at binding; a piped object can be built by hand, so check it the same way.
        if (fromObject is not null && Malformed(fromObject) is { } field)
        {
            command.WriteError(ErrorMapping.Create("InvalidInputObject", ErrorCategory.InvalidArgument,
                $"The piped approval's {field} '{Field(fromObject, field)}' is not valid, so nothing was called. "
                + "Pipe the objects Get-PendingApproval returns.", target));
            return;
        }

        try
        {
            var session = _sessions.Get(
                command.MyInvocation.BoundParameters.ContainsKey(nameof(command.Region)) ? command.Region : fromObject?.Region,
                command.MyInvocation.BoundParameters.ContainsKey(nameof(command.ProfileName)) ? command.ProfileName : fromObject?.ProfileName);
            var resolver = new ApprovalResolver(session, command.WriteVerbose);

            if (IsWhatIf())
            {
                await command.ShouldProcessAsync(Describe(fromObject, pipeline, stage, action, command.Token), command.ActionVerb).ConfigureAwait(false);
                return;
            }

            var approval = fromObject;
            var token = fromObject?.Token ?? command.Token;
            if (approval is null && token is null)
            {
                approval = await resolver.ResolveAsync(pipeline, stage, action, command.CancelToken).ConfigureAwait(false);
                token = approval.Token;
                command.WriteVerbose($"Resolved token {token} for execution {approval.PipelineExecutionId}");
            }

            if (!command.Force && !await command.ShouldProcessAsync(Describe(approval, pipeline, stage, action, token), command.ActionVerb).ConfigureAwait(false))
                return;

            command.WriteVerbose($"PutApprovalResult {pipeline}/{stage}/{action} {command.Status} with token {token}");
            var request = new PutApprovalResultRequest
            {
                PipelineName = pipeline,
                StageName = stage,
                ActionName = action,
                Token = token,
                Result = new() { Status = command.Status, Summary = command.Summary ?? "" },
            };
            DateTime? respondedAt;
            try
            {
                respondedAt = (await session.Client.PutApprovalResultAsync(request, command.CancelToken).ConfigureAwait(false)).ApprovedAt;
            }
            catch (Exception e) when (e is not OperationCanceledException
                && (e is ApprovalAlreadyCompletedException || NoReplyTracker.HadUnansweredAttempt(request)))
            {
                // The SDK retried after an attempt that may have been applied unheard (reply lost, server error), or the
                // service says the run was already answered: the action's state tells which answer it holds, and whose.
                var seen = await resolver.ReadAnswerAsync(request, approval?.PipelineExecutionId, command.CancelToken).ConfigureAwait(false);
                if (seen is { Ours: true } && NoReplyTracker.HadUnansweredAttempt(request))
                {
                    command.WriteVerbose($"The reply to PutApprovalResult was lost ({e.GetType().Name}); the action shows this answer applied "
                        + $"({seen.Status}, token {token}), so it is reported as given. It was not sent again.");
                    respondedAt = seen.At;
                }
                else if (e is ApprovalAlreadyCompletedException && seen is not null)
                {
                    command.WriteError(AlreadyAnswered(e, target, pipeline, stage, action, approval?.PipelineExecutionId, seen));
                    return;
                }
                else if (seen is null && NoReplyTracker.HadUnansweredAttempt(request))
                {
                    // Never claim "not answered" (nor "someone else answered") when an attempt may have gone through
                    // unheard: the outcome is unknown, and says so with an id of its own.
                    var message = $"The answer to {pipeline}/{stage}/{action} may or may not have been applied: an attempt got "
                        + "no reply, and the action's state could not be read to tell. Check with Get-PendingApproval "
                        + $"-PipelineName {pipeline} before answering again.";
                    command.WriteError(new ErrorRecord(new InvalidOperationException(message, e), "AnswerUnconfirmed",
                        ErrorCategory.OperationStopped, target));
                    return;
                }
                else throw;
            }

            command.WriteObject(new ApprovalResult
            {
                PipelineName = pipeline,
                StageName = stage,
                ActionName = action,
                Status = command.Status,
                Summary = command.Summary ?? "",
                Token = token!,
                PipelineExecutionId = approval?.PipelineExecutionId,
                RespondedAt = respondedAt,
                Region = session.Region,
            });
        }
        catch (InvalidApprovalTokenException e) when (fromObject is not null || command.Token is not null)
        {
            command.WriteError(await ExplainStaleTokenAsync(e, target, pipeline, stage, action, fromObject).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException || !command.CancelToken.IsCancellationRequested)
        {
            command.WriteError(ErrorMapping.ToErrorRecord(e, target));
        }
    }

    // The listed run is no longer the one waiting: say what is waiting now, and answer nothing.
    private async Task<ErrorRecord> ExplainStaleTokenAsync(InvalidApprovalTokenException e, object target,
        string pipeline, string stage, string action, PendingApproval? listed)
    {
        var run = listed?.PipelineExecutionId is { } id ? $"execution {id}" : "the run you named";
        string now;
        try
        {
            var session = _sessions.Get(listed?.Region, listed?.ProfileName);
            var current = await new ApprovalResolver(session).ResolveAsync(pipeline, stage, action, command.CancelToken).ConfigureAwait(false);
            now = $"a newer run (execution {current.PipelineExecutionId}) is waiting there now";
        }
        catch (ApprovalToolsException notPending)
        {
            now = notPending.Message;
        }
        catch (Exception) when (!command.CancelToken.IsCancellationRequested)
        {
            now = "its current state could not be read";
        }
        var message = $"The approval token for {run} at {pipeline}/{stage}/{action} is no longer valid; {now}. "
            + "Nothing was answered. Run Get-PendingApproval again to review the run that is waiting.";
        var record = new ErrorRecord(new InvalidOperationException(message, e), "InvalidApprovalToken",
            ErrorCategory.InvalidOperation, target);
        return record;
    }

    private static ErrorRecord AlreadyAnswered(Exception e, object target, string pipeline, string stage, string action,
        string? executionId, AnswerSeen seen)
    {
        var run = executionId is null ? "The run" : $"Execution {executionId}";
        var message = seen.Status is "Approved" or "Rejected"
            ? $"{run} at {pipeline}/{stage}/{action} was already answered: {seen.Status}"
              + (seen.By is null ? "" : $" by {seen.By}") + (seen.At is { } at ? $" at {at:u}" : "")
              + (string.IsNullOrEmpty(seen.Summary) ? "" : $" ('{seen.Summary}')") + ". Nothing was answered now."
            : $"{run} at {pipeline}/{stage}/{action} can no longer be answered: it is {seen.Status}. Nothing was answered now.";
        return new ErrorRecord(new InvalidOperationException(message, e), "ApprovalAlreadyCompleted", ErrorCategory.InvalidOperation, target);
    }

    private static readonly System.Text.RegularExpressions.Regex NameRegex = new(AnswerApprovalCommandBase.NamePattern);
    private static readonly System.Text.RegularExpressions.Regex TokenRegex = new(AnswerApprovalCommandBase.TokenPattern);

    private static string? Malformed(PendingApproval a) =>
        !IsName(a.PipelineName) ? nameof(a.PipelineName)
        : !IsName(a.StageName) ? nameof(a.StageName)
        : !IsName(a.ActionName) ? nameof(a.ActionName)
        : a.Token is null || !TokenRegex.IsMatch(a.Token) ? nameof(a.Token)
        : null;

    private static bool IsName(string? name) => name is { Length: >= 1 and <= 100 } && NameRegex.IsMatch(name);

    private static string? Field(PendingApproval a, string field) => field switch
    {
        nameof(a.PipelineName) => a.PipelineName,
        nameof(a.StageName) => a.StageName,
        nameof(a.ActionName) => a.ActionName,
        _ => a.Token,
    };

    private static string Describe(PendingApproval? approval, string pipeline, string stage, string action, string? token)
    {
        var text = $"pipeline '{pipeline}', stage '{stage}', action '{action}'";
        if (approval?.PipelineExecutionId is { } execution) text += $", execution {execution}";
        else if (token is not null) text += $", token {token}";
        if (approval?.RevisionSummary is { Length: > 0 } summary) text += $" ({Shorten(summary)})";
        return text;
    }

    private static string Shorten(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length <= 80 ? line : line.Substring(0, 77) + "...";
    }

    private bool IsWhatIf() =>
        command.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
            ? LanguagePrimitives.IsTrue(bound)
            : LanguagePrimitives.IsTrue(command.GetVariableValue("WhatIfPreference"));

    public Task EndProcessingAsync() => Task.CompletedTask;

    public void Dispose() => _sessions.Dispose();
}
