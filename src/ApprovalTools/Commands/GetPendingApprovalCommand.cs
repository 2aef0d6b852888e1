using System;
using System.Management.Automation;

namespace ApprovalTools.Commands;

[Cmdlet(VerbsCommon.Get, "PendingApproval", DefaultParameterSetName = ByName)]
[OutputType(typeof(PendingApproval))]
public sealed class GetPendingApprovalCommand : CodePipelineCmdlet<string[]>
{
    private const string NamePattern = @"^[A-Za-z0-9.@\-_*?\[\]]+\z";
    internal const string ByName = "ByName";
    internal const string ByNotification = "ByNotification";

    // A notification given as a JSON string is wrapped before the names bind, so it is never taken for a name.
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Alias("Name")]
    [NotificationTransformation(JsonStringsOnly = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(PipelineNameCompleter))]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string[]? PipelineName { get; set; }

    [Parameter(ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(StageNameCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? StageName { get; set; }

    [Parameter(ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ActionNameCompleter))]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    public string? ActionName { get; set; }

    /// <summary>
    /// An approval notification CodePipeline published (the JSON message, its parsed object, or its approval part):
    /// the current PendingApproval of that run, or a warning when it no longer waits.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByNotification)]
    [NotificationTransformation(JsonStringsOnly = true)]
    [ValidateNotNull]
    public ApprovalNotification? Notification { get; set; }

    /// <summary>Only runs carrying this source revision: the full id or a prefix of at least 7 characters.</summary>
    [Parameter]
    [ValidateLength(7, 1500)]
    public string? RevisionId { get; set; }

    /// <summary>Only approvals that expire within this time from now.</summary>
    [Parameter]
    public TimeSpan? ExpiringWithin { get; set; }

    /// <summary>How many pipelines are read at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Waits until at least one matching approval is pending.</summary>
    [Parameter(ParameterSetName = ByName)]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; } = 3600;

    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollInterval { get; set; } = 15;
}
