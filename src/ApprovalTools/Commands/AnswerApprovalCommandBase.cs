using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;

namespace ApprovalTools.Commands;

/// <summary>
/// Approve-PipelineAction and Deny-PipelineAction: one implementation, differing only in the status sent.
/// Its work: src/ApprovalTools.Engine/AnswerPipelineActionWorker.cs, given the request built below.
/// </summary>
public abstract class AnswerApprovalCommandBase : CodePipelineCmdlet
{
    internal const string ByName = "ByName";
    internal const string ByInputObject = "ByInputObject";
    internal const string ByNotification = "ByNotification";
    internal const string NamePattern = @"^[A-Za-z0-9.@\-_]+\z";

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

    /// <summary>
    /// The approval notification CodePipeline published to SNS: the JSON message, the object ConvertFrom-Json makes
    /// of it, or its approval part. Answered in its region with its token, unless it has expired.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByNotification)]
    [NotificationTransformation(JsonStringsOnly = true)]
    [ValidateNotNull]
    public ApprovalNotification? Notification { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    public string? PipelineName { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
    public string? StageName { get; set; }

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [ValidateLength(1, 100)]
    [ValidatePattern(NamePattern)]
    [ArgumentCompleter(typeof(CodePipelineCompleter))]
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

    // The identity an approval was listed with travels with it: by name, these bind from the piped object's
    // properties too (rows from Import-Csv, Import-Clixml or a job). Empty values there mean "not given".

    /// <summary>The region to answer in; by name, also the piped object's Region; else a notification's own.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByInputObject)]
    [Parameter(ParameterSetName = ByNotification)]
    [AllowNull, AllowEmptyString]
    public override string? Region { get; set; }

    /// <summary>The profile to answer with; by name, also the piped object's ProfileName.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByInputObject)]
    [Parameter(ParameterSetName = ByNotification)]
    [Alias("StoredCredentials", "AWSProfileName")]
    [AllowNull, AllowEmptyString]
    public override string? ProfileName { get; set; }

    /// <summary>The credentials file of -ProfileName; by name, also the piped object's ProfileLocation.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByInputObject)]
    [Parameter(ParameterSetName = ByNotification)]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    [AllowNull, AllowEmptyString]
    public override string? ProfileLocation { get; set; }

    /// <summary>The endpoint to answer at; by name, also the piped object's EndpointUrl.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByInputObject)]
    [Parameter(ParameterSetName = ByNotification)]
    [AllowNull, AllowEmptyString]
    public override string? EndpointUrl { get; set; }

    /// <summary>
    /// Answers only when the credentials in effect have this access key id (IdentityMismatch otherwise). By name it
    /// also binds from the AccessKeyId property that approvals listed with explicit keys carry.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(ParameterSetName = ByInputObject)]
    [Parameter(ParameterSetName = ByNotification)]
    [Alias("AccessKeyId")]
    [AllowNull, AllowEmptyString]
    public string? ExpectedAccessKeyId { get; set; }

    private static readonly string[] IdentityParameters =
        { nameof(Region), nameof(ProfileName), nameof(ProfileLocation), nameof(EndpointUrl) };

    // The parameters given on the command line (or by $PSDefaultParameterValues), not from piped objects.
    private ISet<string> _commandLine = new HashSet<string>();

    protected override Task BeginProcessingAsync()
    {
        _commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        // Empty is "not given" only for values from piped objects; typed on the command line it is a mistake.
        foreach (var name in IdentityParameters)
        {
            if (MyInvocation.BoundParameters.TryGetValue(name, out var value) && string.IsNullOrEmpty(value as string))
            {
                var message = $"Cannot validate argument on parameter '{name}'. The argument is null or empty.";
                throw new RuntimeException(message, null, new ErrorRecord(new ArgumentException(message, name),
                    "ParameterArgumentValidationError", ErrorCategory.InvalidData, null));
            }
        }
        return Task.CompletedTask;
    }

    protected override Task ProcessRecordAsync() => Worker(Create).ProcessRecordAsync(Request());
    protected override Task EndProcessingAsync() => Worker(Create).EndProcessingAsync(Request());
    private ICommandWorker<AnswerPipelineActionRequest> Create(IEngine engine) => engine.AnswerPipelineAction(this);

    private AnswerPipelineActionRequest Request() => new()
    {
        Aws = AwsParameters.FromCmdlet(this),
        Status = Status,
        ActionVerb = ActionVerb,
        ParameterSetName = ParameterSetName,
        InputObject = InputObject,
        Notification = Notification,
        PipelineName = PipelineName,
        StageName = StageName,
        ActionName = ActionName,
        Token = Token,
        RevisionId = RevisionId,
        PipelineExecutionId = PipelineExecutionId,
        Summary = Summary,
        Force = Force,
        ExpectedAccessKeyId = ExpectedAccessKeyId,
        CommandLineParameters = _commandLine,
        WhatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? LanguagePrimitives.IsTrue(whatIf) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")),
        Confirm = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm)
            && LanguagePrimitives.IsTrue(confirm),
    };
}

/// <summary>What Approve-PipelineAction or Deny-PipelineAction hands its worker for one record.</summary>
internal sealed class AnswerPipelineActionRequest
{
    /// <summary>The AWS parameters bound for this record (by name, also from the piped object's properties).</summary>
    public AwsParameters Aws { get; set; } = new();

    /// <summary>Approved or Rejected.</summary>
    public string Status { get; set; } = "Approved";

    /// <summary>The verb shown in confirmation prompts: Approve or Reject.</summary>
    public string ActionVerb { get; set; } = "Approve";

    /// <summary>ByInputObject, ByNotification or ByName.</summary>
    public string ParameterSetName { get; set; } = AnswerApprovalCommandBase.ByInputObject;

    public PendingApproval? InputObject { get; set; }
    public ApprovalNotification? Notification { get; set; }
    public string? PipelineName { get; set; }
    public string? StageName { get; set; }
    public string? ActionName { get; set; }
    public string? Token { get; set; }
    public string? RevisionId { get; set; }
    public string? PipelineExecutionId { get; set; }
    public string? Summary { get; set; }
    public bool Force { get; set; }
    public string? ExpectedAccessKeyId { get; set; }

    /// <summary>The parameters given on the command line (or by $PSDefaultParameterValues), not by piped objects.
    /// </summary>
    public ISet<string> CommandLineParameters { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A -WhatIf run (the parameter, or $WhatIfPreference): report, call nothing.</summary>
    public bool WhatIf { get; set; }

    /// <summary>-Confirm was given (and not as -Confirm:$false): ask even with -Force.</summary>
    public bool Confirm { get; set; }
}
