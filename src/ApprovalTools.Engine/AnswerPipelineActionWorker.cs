using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Client;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>
/// Approve-PipelineAction and Deny-PipelineAction: one implementation, differing only in the status sent. Each record
/// answers the run its own bound object or names point at, after confirmation, and reports the true outcome.
/// </summary>
internal sealed class AnswerPipelineActionWorker(ICommandSink sink) : ICommandWorker<AnswerPipelineActionRequest>
{
    private readonly SessionCache _sessions = new(sink);

    public async Task ProcessRecordAsync(AnswerPipelineActionRequest request)
    {
        // Everything below is computed from the object bound for this item, never from an earlier one.
        var fromObject = request.ParameterSetName == AnswerApprovalCommandBase.ByInputObject
            ? request.InputObject : null;
        if (request.ParameterSetName == AnswerApprovalCommandBase.ByNotification)
        {
            // A notification is answered as a listed approval: in its region, with its token; never once expired.
            try
            {
                fromObject = NotificationReader.Read(request.Notification!.Message);
                NotificationReader.CheckNotExpired(fromObject);
            }
            catch (ApprovalToolsException e)
            {
                sink.WriteError(ErrorMapping.ToErrorRecord(e, (object?)fromObject ?? request.Notification!.Message));
                return;
            }
        }
        var pipeline = fromObject?.PipelineName ?? request.PipelineName!;
        var stage = fromObject?.StageName ?? request.StageName!;
        var action = fromObject?.ActionName ?? request.ActionName!;
        object target = (object?)fromObject ?? $"{pipeline}/{stage}/{action}";

        // Parameters are validated at binding; a piped object can be built by hand, so check it the same way.
        if (fromObject is not null && Malformed(fromObject) is { } field)
        {
            sink.WriteError(ErrorMapping.Create("InvalidInputObject", ErrorCategory.InvalidArgument,
                $"The piped approval's {field} '{Field(fromObject, field)}' is not valid, so nothing was called. "
                + "Pipe the objects Get-PendingApproval returns.", target));
            return;
        }

        ResolvedSession? session = null;
        try
        {
            // The identity the approval was listed with answers it, unless the command line names another.
            var identity = AnswerIdentity.For(request, fromObject);
            session = _sessions.Get(request.Aws, identity.Target);
            if (identity.Check(session, target, sink.WriteVerbose) is { } mismatch)
            {
                sink.WriteError(mismatch);
                return;
            }
            var resolver = new ApprovalResolver(session, sink.WriteVerbose);

            if (request.WhatIf)
            {
                // By name -WhatIf calls nothing, so pins are not checked: the text says the answer depends on them.
                var shownToken = request.ParameterSetName == AnswerApprovalCommandBase.ByNotification
                    ? fromObject!.Token : AnswerApprovalCommandBase.NormalizeToken(request.Token);
                await sink.ShouldProcessAsync(Describe(fromObject, pipeline, stage, action, shownToken)
                    + PinsText(request), request.ActionVerb).ConfigureAwait(false);
                return;
            }

            var approval = fromObject;
            // Both input paths passed TokenPattern (either case); the service takes the token as it issued it.
            var token = AnswerApprovalCommandBase.NormalizeToken(fromObject?.Token ?? request.Token);
            var pinned = approval is null && (request.RevisionId ?? request.PipelineExecutionId) is not null;
            if (approval is null && (token is null || pinned))
            {
                approval = await resolver.ResolveAsync(pipeline, stage, action, sink.CancelToken,
                    request.RevisionId, request.PipelineExecutionId).ConfigureAwait(false);
                // Pinned: only the run that was reviewed is answered; nothing is sent for any other.
                if (pinned) ApprovalPins.Check(approval, request.RevisionId, request.PipelineExecutionId);
                if (token is not null && token != approval.Token)
                    throw new ApprovalToolsException("ExecutionMismatch", ErrorCategory.InvalidOperation,
                        $"Token {token} is not the run waiting at {pipeline}/{stage}/{action} (execution "
                        + $"{approval.PipelineExecutionId} is). Nothing was answered.");
                token = approval.Token;
                sink.WriteVerbose($"Resolved token {token} for execution {approval.PipelineExecutionId}");
            }

            // -Force answers without a prompt, unless -Confirm was given too: then it asks, as Remove-Item does.
            if ((!request.Force || request.Confirm) && !await sink.ShouldProcessAsync(
                    Describe(approval, pipeline, stage, action, token), request.ActionVerb).ConfigureAwait(false))
                return;

            sink.WriteVerbose($"PutApprovalResult {pipeline}/{stage}/{action} {request.Status} with token {token}");
            var put = new PutApprovalResultRequest
            {
                PipelineName = pipeline,
                StageName = stage,
                ActionName = action,
                Token = token,
                Result = new() { Status = request.Status, Summary = request.Summary ?? "" },
            };
            DateTime? respondedAt;
            string? answeredBy = null;
            try
            {
                respondedAt = (await session.Client.PutApprovalResultAsync(put, sink.CancelToken)
                    .ConfigureAwait(false)).ApprovedAt;
            }
            catch (Exception e) when (e is ApprovalAlreadyCompletedException or InvalidApprovalTokenException
                || (e is not OperationCanceledException && NoReplyTracker.HadUnansweredAttempt(put)))
            {
                // The service refused the token, or the SDK retried after an attempt that may have been applied
                // unheard (reply lost, server error): what the service shows for this run says which answer it
                // holds, who gave it, or what else became of it.
                var unheard = NoReplyTracker.HadUnansweredAttempt(put);
                var run = await resolver.ReadRunAsync(pipeline, stage, action, token!, approval?.PipelineExecutionId,
                    sink.CancelToken).ConfigureAwait(false);
                if (unheard && run is not null && run.Holds(request.Status, request.Summary))
                {
                    sink.WriteVerbose($"The reply to PutApprovalResult was lost ({e.GetType().Name}); the action "
                        + $"shows this answer applied ({run.Status} by {run.By}, token {token}), so it is reported "
                        + "as given. "
                        + "It was not sent again.");
                    (respondedAt, answeredBy) = (run.At, run.By);
                }
                else if (run is not null && run.Status != "Waiting" && !(unheard && run.Status == "Unknown"))
                {
                    // The service keeps the first answer to a run: one that differs from ours means ours was not
                    // applied.
                    sink.WriteError(Refused(e, target, pipeline, stage, action, run));
                    return;
                }
                else if (unheard && run?.Status != "Waiting")
                {
                    // The run still waiting proves no attempt was applied; otherwise never claim "not answered"
                    // (nor "someone else answered") when an attempt may have gone through unheard: the outcome is
                    // unknown, and says so with an id of its own.
                    var message = $"The answer to {pipeline}/{stage}/{action} may or may not have been applied: an "
                        + "attempt got no reply, and the action's state could not be read to tell. Check with "
                        + $"Get-PendingApproval -PipelineName {pipeline} before answering again.";
                    sink.WriteError(new ErrorRecord(new InvalidOperationException(message, e), "AnswerUnconfirmed",
                        ErrorCategory.OperationStopped, target));
                    return;
                }
                else throw;
            }

            // Answered by -Token: which run that was, from the action's state (the answer stands if it cannot be read).
            var executionId = approval?.PipelineExecutionId ?? (await resolver.ReadRunAsync(pipeline, stage, action,
                token!, null, sink.CancelToken).ConfigureAwait(false))?.ExecutionId;
            sink.WriteObject(new ApprovalResult
            {
                PipelineName = pipeline,
                StageName = stage,
                ActionName = action,
                Status = request.Status,
                Summary = request.Summary ?? "",
                Token = token!,
                PipelineExecutionId = executionId,
                RespondedAt = respondedAt,
                AnsweredBy = answeredBy,
                Region = session.Region,
                ProfileName = session.ProfileName,
                ProfileLocation = session.ProfileLocation,
                EndpointUrl = session.EndpointUrl,
                AccessKeyId = session.AccessKeyId,
            });
        }
        catch (Exception e) when (e is not OperationCanceledException || !sink.CancelToken.IsCancellationRequested)
        {
            sink.WriteError(ErrorMapping.ToErrorRecord(e, target));
        }
    }

    // The token was refused, or someone else's answer is there: say what became of the run. The id follows the
    // cause, not which of the two refusals the service chose (it documents either for an answered run).
    private static ErrorRecord Refused(Exception e, object target, string pipeline, string stage, string action,
        ApprovalRun run)
    {
        var (id, category) = run.Status switch
        {
            "Approved" or "Rejected" => ("ApprovalAlreadyCompleted", ErrorCategory.InvalidOperation),
            "Expired" => ("ApprovalExpired", ErrorCategory.OperationTimeout),
            _ => ("InvalidApprovalToken", ErrorCategory.InvalidOperation),
        };
        var which = run.ExecutionId is null ? "The run" : $"Execution {run.ExecutionId}";
        var message = $"{which} at {pipeline}/{stage}/{action} can no longer be answered: {run.Describe()}. "
            + "Nothing was answered now."
            + (run.WaitingToken is null ? "" : " Run Get-PendingApproval to review the run that is waiting.");
        return new ErrorRecord(new InvalidOperationException(message, e), id, category, target);
    }

    private static readonly Regex NameRegex = new(AnswerApprovalCommandBase.NamePattern);
    private static readonly Regex TokenRegex = new(AnswerApprovalCommandBase.TokenPattern);

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

    private static string Describe(PendingApproval? approval, string pipeline, string stage, string action,
        string? token)
    {
        var text = $"pipeline '{pipeline}', stage '{stage}', action '{action}'";
        if (approval?.PipelineExecutionId is { } execution) text += $", execution {execution}";
        else if (token is not null) text += $", token {token}";
        if (approval?.RevisionSummary is { Length: > 0 } summary) text += $" ({Shorten(summary)})";
        return text;
    }

    private static string PinsText(AnswerPipelineActionRequest request)
    {
        if (request.ParameterSetName != AnswerApprovalCommandBase.ByName) return "";
        var (execution, revision) = (request.PipelineExecutionId, request.RevisionId);
        if ((execution ?? revision) is null) return "";
        var pins = string.Join(" and ", new[]
        {
            execution is null ? null : $"is execution {execution}",
            revision is null ? null : $"carries revision {revision}",
        }.Where(p => p is not null));
        return $", only if the run waiting there {pins} (checked when answering, not under -WhatIf)";
    }

    private static string Shorten(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length <= 80 ? line : line.Substring(0, 77) + "...";
    }

    public Task EndProcessingAsync(AnswerPipelineActionRequest request) => Task.CompletedTask;

    public void Dispose() => _sessions.Dispose();
}
