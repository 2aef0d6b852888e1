using System;
using System.Management.Automation;
using System.Threading.Tasks;
using ApprovalTools.Aws;
using ApprovalTools.Client;

namespace ApprovalTools.Commands;

/// <summary>
/// Approve-PipelineAction and Deny-PipelineAction: one implementation, differing only in the status sent.
/// </summary>
public abstract class AnswerApprovalCommandBase : CodePipelineCmdlet
{
    protected const string ByName = "ByName";
    protected const string ByInputObject = "ByInputObject";
    private const string NamePattern = @"^[A-Za-z0-9.@\-_]+$";
    private const string TokenPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    /// <summary>Approved or Rejected.</summary>
    protected abstract string Status { get; }

    /// <summary>The verb shown in confirmation prompts.</summary>
    protected abstract string ActionVerb { get; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
    [ValidateNotNull]
    public PendingApproval? InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    [ArgumentCompleter(typeof(PipelineNameCompleter))]
    public string? PipelineName { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    public string? StageName { get; set; }

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    [ArgumentCompleter(typeof(ActionNameCompleter))]
    public string? ActionName { get; set; }

    /// <summary>Answers exactly this run; without it the token is resolved at the moment of the call.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidatePattern(TokenPattern)]
    public string? Token { get; set; }

    [Parameter]
    [Alias("Reason", "Comment")]
    [ValidateLength(0, 512)]
    [AllowEmptyString]
    public string? Summary { get; set; }

    /// <summary>Answers without asking for confirmation (-WhatIf still only reports).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        // Everything below is computed from the object bound for this item, never from an earlier one.
        var fromObject = ParameterSetName == ByInputObject ? InputObject : null;
        var pipeline = fromObject?.PipelineName ?? PipelineName!;
        var stage = fromObject?.StageName ?? StageName!;
        var action = fromObject?.ActionName ?? ActionName!;
        object target = (object?)fromObject ?? $"{pipeline}/{stage}/{action}";

        // Parameters are validated at binding; a piped object can be built by hand, so check it the same way.
        if (fromObject is not null && Malformed(fromObject) is { } field)
        {
            WriteError(ErrorMapping.Create("InvalidInputObject", ErrorCategory.InvalidArgument,
                $"The piped approval's {field} '{Field(fromObject, field)}' is not valid, so nothing was called. "
                + "Pipe the objects Get-PendingApproval returns.", target));
            return;
        }

        try
        {
            var session = GetSession(
                MyInvocation.BoundParameters.ContainsKey(nameof(Region)) ? Region : fromObject?.Region,
                MyInvocation.BoundParameters.ContainsKey(nameof(ProfileName)) ? ProfileName : fromObject?.ProfileName);
            var resolver = new ApprovalResolver(session, WriteVerbose);

            if (IsWhatIf())
            {
                await ShouldProcessAsync(Describe(fromObject, pipeline, stage, action, Token), ActionVerb).ConfigureAwait(false);
                return;
            }

            var approval = fromObject;
            var token = fromObject?.Token ?? Token;
            if (approval is null && token is null)
            {
                approval = await resolver.ResolveAsync(pipeline, stage, action, CancelToken).ConfigureAwait(false);
                token = approval.Token;
                WriteVerbose($"Resolved token {token} for execution {approval.PipelineExecutionId}");
            }

            if (!Force && !await ShouldProcessAsync(Describe(approval, pipeline, stage, action, token), ActionVerb).ConfigureAwait(false))
                return;

            WriteVerbose($"PutApprovalResult {pipeline}/{stage}/{action} {Status} with token {token}");
            var request = new PutApprovalResultRequest
            {
                PipelineName = pipeline,
                StageName = stage,
                ActionName = action,
                Token = token,
                Result = new() { Status = Status, Summary = Summary ?? "" },
            };
            DateTime? respondedAt;
            try
            {
                respondedAt = (await session.Client.PutApprovalResultAsync(request, CancelToken).ConfigureAwait(false)).ApprovedAt;
            }
            catch (Exception e) when (e is not OperationCanceledException
                && (e is ApprovalAlreadyCompletedException || NoReplyTracker.HadUnansweredAttempt(request)))
            {
                // The SDK retried after an attempt that may have been applied unheard (reply lost, server error), or the
                // service says the run was already answered: the action's state tells which answer it holds, and whose.
                var seen = await resolver.ReadAnswerAsync(request, approval?.PipelineExecutionId, CancelToken).ConfigureAwait(false);
                if (seen is { Ours: true } && NoReplyTracker.HadUnansweredAttempt(request))
                {
                    WriteVerbose($"The reply to PutApprovalResult was lost ({e.GetType().Name}); the action shows this answer applied "
                        + $"({seen.Status}, token {token}), so it is reported as given. It was not sent again.");
                    respondedAt = seen.At;
                }
                else if (e is ApprovalAlreadyCompletedException && seen is not null)
                {
                    WriteError(AlreadyAnswered(e, target, pipeline, stage, action, approval?.PipelineExecutionId, seen));
                    return;
                }
                else if (seen is null && NoReplyTracker.HadUnansweredAttempt(request))
                {
                    // Never claim "not answered" when an attempt may have gone through unheard.
                    var record = ErrorMapping.ToErrorRecord(e, target);
                    record.ErrorDetails = new System.Management.Automation.ErrorDetails($"{e.Message} An earlier attempt got no reply, so it may have been "
                        + $"applied, and the action's state could not be read to tell. Check with Get-PendingApproval -PipelineName {pipeline} "
                        + "before answering again.");
                    WriteError(record);
                    return;
                }
                else throw;
            }

            WriteObject(new ApprovalResult
            {
                PipelineName = pipeline,
                StageName = stage,
                ActionName = action,
                Status = Status,
                Summary = Summary ?? "",
                Token = token!,
                PipelineExecutionId = approval?.PipelineExecutionId,
                RespondedAt = respondedAt,
                Region = session.Region,
            });
        }
        catch (InvalidApprovalTokenException e) when (fromObject is not null || Token is not null)
        {
            WriteError(await ExplainStaleTokenAsync(e, target, pipeline, stage, action, fromObject).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException || !CancelToken.IsCancellationRequested)
        {
            WriteError(ErrorMapping.ToErrorRecord(e, target));
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
            var session = GetSession(listed?.Region, listed?.ProfileName);
            var current = await new ApprovalResolver(session).ResolveAsync(pipeline, stage, action, CancelToken).ConfigureAwait(false);
            now = $"a newer run (execution {current.PipelineExecutionId}) is waiting there now";
        }
        catch (ApprovalToolsException notPending)
        {
            now = notPending.Message;
        }
        catch (Exception) when (!CancelToken.IsCancellationRequested)
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

    private static readonly System.Text.RegularExpressions.Regex NameRegex = new(NamePattern);
    private static readonly System.Text.RegularExpressions.Regex TokenRegex = new(TokenPattern);

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
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
            ? LanguagePrimitives.IsTrue(bound)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
}
