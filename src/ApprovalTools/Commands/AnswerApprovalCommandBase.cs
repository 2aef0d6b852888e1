using System.Management.Automation;

namespace ApprovalTools.Commands;

/// <summary>
/// Approve-PipelineAction and Deny-PipelineAction: one implementation, differing only in the status sent.
/// </summary>
public abstract class AnswerApprovalCommandBase : CodePipelineCmdlet
{
    internal const string ByName = "ByName";
    internal const string ByInputObject = "ByInputObject";
    internal const string NamePattern = @"^[A-Za-z0-9.@\-_]+$";

    /// <summary>
    /// The one rule for a token, by -Token and on a piped object alike: the service model's ApprovalToken pattern
    /// (a GUID in lower-case hex), with hex digits accepted in either case. The service issues and accepts only
    /// lower case, so a token is sent as <see cref="NormalizeToken"/> gives it.
    /// </summary>
    internal const string TokenPattern =
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z";

    /// <summary>A token that matches <see cref="TokenPattern"/> as the service issued it: lower case.</summary>
    internal static string? NormalizeToken(string? token) => token?.ToLowerInvariant();

    /// <summary>Approved or Rejected.</summary>
    internal abstract string Status { get; }

    /// <summary>The verb shown in confirmation prompts.</summary>
    internal abstract string ActionVerb { get; }

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

    /// <summary>Answers only a waiting run that carries this revision (full id or a prefix of 7 or more).</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidateLength(7, 1500)]
    public string? RevisionId { get; set; }

    /// <summary>Answers only if the run waiting is this execution.</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidatePattern("^[0-9a-fA-F-]{1,100}$")]
    public string? PipelineExecutionId { get; set; }

    [Parameter]
    [Alias("Reason", "Comment")]
    [ValidateSummaryLength]
    [AllowEmptyString]
    [AllowNull]
    public string? Summary { get; set; }

    /// <summary>Answers without asking for confirmation (-WhatIf still only reports).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }
}
