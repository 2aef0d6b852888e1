# The help text of ApprovalTools, as data. Build-MamlHelp.ps1 combines it with the cmdlets' own metadata
# (parameter sets, positions, pipeline input, aliases, types, wildcards) and writes ApprovalTools.dll-Help.xml.
#
# Layout:
#   SharedParameters  groups of parameter texts written once and used by several cmdlets (a cmdlet names the
#                     groups it uses in its own SharedParameters key). Its own Parameters entries win.
#   Commands          per cmdlet: Synopsis, Description, Parameters, Inputs, Outputs, Notes, Examples, RelatedLinks.
#
# A text is a string or an array of strings (one paragraph each). In a cmdlet's texts, and in the shared texts it
# uses, {{Name}} is replaced by the cmdlet's Words entry of that name; an unknown {{Name}} fails the build.
# A parameter entry is @{ Description = ...; DefaultValue = '...' }; DefaultValue is checked against the cmdlet.
# Mention parameters as -Name: the build fails on a -Name that none of the cmdlets has.
@{
    SharedParameters = @{
        # CodePipelineCmdlet: the credential, region and endpoint parameters every cmdlet has, named as in AWS.Tools.
        Aws    = @{
            Region          = @{
                Description = @(
                    'The AWS region to work in, such as eu-west-1.'
                    'Without -Region the region comes, as in AWS Tools for PowerShell, from $StoredAWSRegion (set by Set-DefaultAWSRegion), then the profile in use (the one named by -ProfileName, else by the AWS_PROFILE environment variable, else the default profile), then the AWS_REGION or AWS_DEFAULT_REGION environment variable, then EC2 instance metadata. When none of them names a region the cmdlet reports NoRegion. A name that is not an AWS region is reported as UnknownRegion before any call, unless an endpoint is given (-EndpointUrl, AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL or the profile''s endpoint settings): then the name only scopes the request signature.'
                    'Approve-PipelineAction and Deny-PipelineAction answer a piped PendingApproval in the region it was listed in, unless -Region is given on the command line. By name, they also take the region from the Region property of piped objects (rows from Import-Csv, objects from Import-Clixml or a job); an empty value there means none.'
                )
            }
            ProfileName     = @{
                Description = @(
                    'The name of the AWS profile to take credentials (and, without -Region, the region) from. Profiles are read from the shared config and credentials files (~/.aws/config and ~/.aws/credentials), or from the file named by -ProfileLocation. Profiles with static keys, assume-role and IAM Identity Center (SSO) profiles work as in the AWS CLI.'
                    'A name that matches no profile is reported as ProfileNotFound (no other credentials are tried), a profile that cannot supply credentials as InvalidProfile, and an SSO profile whose cached login has expired as SsoLoginRequired, which tells you to run aws sso login. -AccessKey with -SecretKey, and -Credential, take precedence over the profile; the profile takes precedence over $StoredAWSCredentials and the environment. The profile''s endpoint settings (endpoint_url, or a [services] section with codepipeline = endpoint_url = ...) are used when -EndpointUrl is not given.'
                    'Approve-PipelineAction and Deny-PipelineAction answer a piped PendingApproval with the profile (and profile file) it was listed with, unless -ProfileName, -AccessKey or -Credential is given on the command line. By name, they also take it from the ProfileName property of piped objects. The aliases StoredCredentials and AWSProfileName are the names AWS Tools for PowerShell uses.'
                )
            }
            ProfileLocation = @{
                Description = @(
                    'The path of the shared credentials file in which -ProfileName is looked up (the config file beside it is read too), when the profile is not kept in the default location (~/.aws/credentials). Without -ProfileName, the default profile of that file is used. A relative path is taken from the current PowerShell location. The aliases AWSProfilesLocation and ProfilesLocation are the names AWS Tools for PowerShell uses.'
                    'A PendingApproval carries the full path of the file it was listed with (ProfileLocation), and Approve-PipelineAction and Deny-PipelineAction answer it from that file unless credential parameters are given; by name they also take it from the ProfileLocation property of piped objects.'
                )
            }
            AccessKey       = @{
                Description = @(
                    'The access key id of the credentials to sign requests with. Give it together with -SecretKey (and -SessionToken for temporary credentials); either one alone is reported as IncompleteCredentials.'
                    'Keys given this way take precedence over -Credential, -ProfileName, $StoredAWSCredentials (set by Set-AWSCredential) and the rest of the chain: the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables, the profile named by AWS_PROFILE, the default profile, then web identity, container and EC2 instance roles. Prefer a profile or the environment for long-lived keys: values typed on the command line end up in the command history.'
                )
            }
            SecretKey       = @{
                Description = @(
                    'The secret access key that belongs to -AccessKey. Both must be given together. The aliases SK and SecretAccessKey are the names AWS Tools for PowerShell uses.'
                )
            }
            SessionToken    = @{
                Description = @(
                    'The session token of temporary credentials (for example from AWS STS), used with -AccessKey and -SecretKey. Without those two it is reported as IncompleteCredentials, before any call.'
                )
            }
            Credential      = @{
                Description = @(
                    'Credentials as an object: an Amazon.Runtime.AWSCredentials instance as made by AWS Tools for PowerShell (New-AWSCredential, Use-STSRole) or any copy of the AWS SDK, an object with AccessKeyId, SecretAccessKey and SessionToken properties (such as the Credentials of aws sts assume-role output read with ConvertFrom-Json), or a PSCredential whose user name is the access key id and whose password is the secret key, such as the one Get-Credential returns. Any other object is reported as InvalidCredential.'
                    '-AccessKey with -SecretKey take precedence over -Credential; -Credential takes precedence over -ProfileName and the default credential chain.'
                )
            }
            EndpointUrl     = @{
                Description = @(
                    'Sends the requests to this URL instead of the regional CodePipeline endpoint: an interface VPC endpoint, or the local CodePipeline emulator that ships with the module''s source (for example http://127.0.0.1:4599). The URL must be absolute, http or https; anything else is reported as InvalidEndpointUrl. Requests are still signed for the region in effect.'
                    'Without -EndpointUrl, the endpoint set by the AWS_ENDPOINT_URL_CODEPIPELINE or AWS_ENDPOINT_URL environment variable or by the profile is used, as in the AWS SDK.'
                    'A PendingApproval carries the endpoint it was listed at (EndpointUrl), and Approve-PipelineAction and Deny-PipelineAction send the answer there unless -EndpointUrl is given on the command line; by name they also take it from the EndpointUrl property of piped objects.'
                )
            }
            TimeoutSec      = @{
                Description = @(
                    'The longest one call to the endpoint may take, in seconds, all its attempts and the pauses between them included (1 to 3600, default 30). An endpoint that accepts the connection and never answers is reported as EndpointTimeout (category OperationTimeout) naming the endpoint, after at most this long. Time spent waiting out throttling does not count: a throttled scan slows down, it does not time out.'
                    'The AWS SDK for .NET reads no environment variable or profile setting for this wait (AWS_MAX_ATTEMPTS and retry_mode set the attempts; AWS_DEFAULTS_MODE only the connect timeout). To change it for a whole session, use $PSDefaultParameterValues, for example $PSDefaultParameterValues[''Get-PendingApproval:TimeoutSec''] = 60 (and the same for Approve-PipelineAction and Deny-PipelineAction).'
                )
                DefaultValue = '30'
            }
        }

        # AnswerApprovalCommandBase: Approve-PipelineAction and Deny-PipelineAction differ only in the answer given.
        Answer = @{
            Notification = @{
                Description = @(
                    'The approval notification CodePipeline publishes to SNS when an approval starts waiting, as a Lambda function, chat bot or ticket bridge receives it: the JSON message as a string starting with { (read a file whole, with the Raw switch of Get-Content), the object ConvertFrom-Json makes of it (or a hashtable), or its approval part. Usually piped. The cmdlet {{answer}}s exactly the run the notification is about, with its token (hex digits in either case, sent in lower case), in its region (the region member, or for the approval part the region in its approvalReviewLink; -Region on the command line takes precedence), with the credentials and endpoint of the command line or the defaults.'
                    'Past its expires time (UTC, as 2016-07-07T20:22Z) the answer is refused as ApprovalExpired (OperationTimeout) before any call. A notification that lacks region, approval, pipelineName, stageName, actionName, token or expires, or has an invalid one, gives InvalidNotification (InvalidArgument) naming that field, before any call; the rest of the input goes on. If the run was answered, stopped or superseded since, the service refuses the token and the error says what became of it.'
                    'A piped object is taken as a notification when it has an approval, consoleLink, expires or approvalReviewLink member; other objects bind as before (a PendingApproval to -InputObject, objects with PipelineName, StageName and ActionName by property name).'
                )
            }
            RevisionId   = @{
                Description  = @(
                    'By name: {{answer}}s only if the run waiting at the action carries this source revision (the full commit id, or a prefix of at least 7 characters, against every artifact revision of the run). Otherwise the error RevisionMismatch (InvalidOperation) names the execution and revisions waiting instead, and nothing is answered. In a PARALLEL pipeline where several runs wait at the action, the run carrying the revision is the one {{answered}} (AmbiguousApproval if several carry it).'
                    'The pin is checked when answering: with -WhatIf nothing is called, so the message only says that the answer would go to the run waiting there if it carries this revision.'
                )
                DefaultValue = 'Any revision'
            }
            PipelineExecutionId = @{
                Description  = @(
                    'By name: {{answer}}s only if the run waiting at the action is this execution. Otherwise the error ExecutionMismatch (InvalidOperation) names the execution waiting instead, and nothing is answered. In a PARALLEL pipeline where several runs wait at the action, this names the one to {{answer}}.'
                    'The pin is checked when answering: with -WhatIf nothing is called, so the message only says that the answer would go to the run waiting there if it is this execution.'
                )
                DefaultValue = 'Any execution'
            }
            InputObject  = @{
                Description = @(
                    'A PendingApproval from Get-PendingApproval, usually piped. The cmdlet answers exactly the run that object describes, with the token it carries: if a newer run has reached the action since it was listed, nothing is {{answered}} and an InvalidApprovalToken error names the run that is waiting now.'
                    'The identity the approval was listed with answers it: its Region, ProfileName with ProfileLocation, and EndpointUrl, unless the command line gives -Region, -EndpointUrl or credential parameters. Keys given directly when listing (-AccessKey, -Credential, Set-AWSCredential, AWS_ACCESS_KEY_ID) are never stored: the approval carries only their AccessKeyId, and without credential parameters it is answered only by credentials with that access key id; otherwise the error IdentityMismatch says so and nothing is {{answered}}. -Verbose says which region, credentials and endpoint are used and where each came from.'
                )
            }
            PipelineName = @{
                Description = @(
                    'The name of the pipeline whose manual approval to {{answer}}, when answering by name. The name is taken as it is (no wildcards): 1 to 100 letters, digits and the characters . @ - _.'
                    'It also binds from the PipelineName property of piped objects, such as rows from Import-Csv. A CodePipeline approval notification, or its approval part, binds to -Notification instead.'
                )
            }
            StageName    = @{
                Description = @(
                    'The name of the stage that holds the manual approval action, when answering by name. No wildcards; 1 to 100 letters, digits and . @ - _. Binds from the StageName property of piped objects.'
                )
            }
            ActionName   = @{
                Description = @(
                    'The name of the manual approval action, when answering by name. No wildcards; 1 to 100 letters, digits and . @ - _. Binds from the ActionName property of piped objects.'
                    'If the action is not a manual approval the cmdlet reports NotAnApprovalAction; if nothing is waiting there it reports NoPendingApproval and names the action''s actual state.'
                )
            }
            Token        = @{
                Description = @(
                    'Pins the run to {{answer}} when answering by name: the approval token of that run (a GUID, as in the token field of the CodePipeline SNS notification or the Token property of a PendingApproval). Binds from the Token property of piped objects. The service issues tokens in lower case; hex digits in upper case are accepted too and sent in lower case, and anything else fails at parameter binding, before any call (the same rule as for the Token of a piped approval).'
                    'Without -Token, the cmdlet looks up the token of the run waiting at the action at the moment of the call. With -Token, a token that is no longer current fails with InvalidApprovalToken and nothing is {{answered}}.'
                )
            }
            Summary      = @{
                Description = @(
                    'The comment recorded with the answer, which the pipeline''s execution history and notifications show, such as a change number or the reason for the decision. 0 to 512 characters, counted as the service counts them: in Unicode characters, so an emoji counts as one character (where .NET''s String.Length counts two). A longer text fails at parameter binding, before any call, with a message that gives its length. Without -Summary, or with -Summary $null (such as a variable that was never set), an empty comment is sent.'
                    'The aliases Reason and Comment can be used instead.'
                )
            }
            ExpectedAccessKeyId = @{
                Description = @(
                    '{{Verb}}s only when the credentials in effect have this access key id (not a secret); otherwise the error IdentityMismatch (SecurityError) is reported and nothing is {{answered}}. Given on the command line it is always checked.'
                    'By name it also binds from the AccessKeyId property (its alias) of piped objects: a PendingApproval listed with keys given directly (-AccessKey, -Credential, Set-AWSCredential or the AWS_ACCESS_KEY_ID environment variable) carries the id of those keys, so an exported approval answered without credential parameters is refused rather than answered by another identity. Credential parameters on the command line replace that requirement.'
                )
            }
            Force        = @{
                Description = @(
                    '{{Verb}}s without asking for confirmation, which is what a script or runbook needs: the cmdlet''s ConfirmImpact is High, so by default it asks before each answer. -Confirm given explicitly still asks, as with Remove-Item, and -WhatIf still only reports.'
                )
            }
            WhatIf       = @{
                Description = @(
                    'Shows what would be {{answered}} (pipeline, stage, action, and the execution and commit when known) and answers nothing. By name, it makes no call to the service at all: -RevisionId and -PipelineExecutionId are not checked then, and the message says the answer depends on them. A notification past its expires time is reported as ApprovalExpired even with -WhatIf.'
                )
            }
            Confirm      = @{
                Description = @(
                    'Asks for confirmation before each answer. This is the default (ConfirmImpact is High); -Confirm:$false answers without asking, as -Force does; -Confirm given explicitly asks even with -Force. The prompt names the execution and, when known, the commit summary of the run that would be {{answered}}.'
                )
            }
        }
    }

    Commands         = @{
        'Get-PendingApproval'    = @{
            SharedParameters = @('Aws')
            Synopsis         = 'Lists the AWS CodePipeline manual approvals that are waiting for an answer.'
            Description      = @(
                'Get-PendingApproval returns one ApprovalTools.PendingApproval object for each manual approval action that is waiting for an answer now, with what an approver needs to decide: the run (PipelineExecutionId), when it started waiting and when it expires, the source revisions it carries (commit id, commit message, URL), the custom data, review link and notification topic configured on the action, and a link to the run in the AWS console.'
                'Without -PipelineName it looks at every pipeline in the account and region. Names can contain wildcards and can come from the pipeline, as strings or as objects with a PipelineName or Name property. -StageName and -ActionName narrow the result, also with wildcards. Pipelines are read concurrently (see -ThrottleLimit) and results are written as they are found, so their order is not fixed.'
                'Each object carries the approval token of the run it describes, looked up from the pipeline state, so nobody has to copy a token: pipe the objects to Approve-PipelineAction or Deny-PipelineAction, which answer exactly those runs. Pipelines in PARALLEL execution mode work the same way: several runs can wait at one approval there, so each waiting run is listed (through ListActionExecutions) with its own token, the action''s external execution id, which the service takes in its place.'
                'With -Wait, the cmdlet keeps looking every -PollInterval seconds until at least one matching approval is pending, then returns it, or reports WaitTimeout after -Timeout seconds (a poll still running then is cut off). Errors that waiting cannot fix (a pipeline that does not exist, refused credentials, access denied, no region) are reported once and end the wait; transient ones (throttling past its ceiling, server errors, timeouts, connection errors) are reported once as a warning and the waiting goes on. This lets a runbook or CI job gate on an approval.'
                'Get-PendingApproval only reads; it never answers anything. Each failure is reported as a non-terminating error and the other pipelines are still read. The FullyQualifiedErrorId starts with PipelineNotFound (a literal name that does not exist), AccessDenied, Throttled, InvalidCredentials, ExpiredCredentials, NoCredentials, ProfileNotFound, InvalidProfile, SsoLoginRequired, NoRegion, UnknownRegion, IncompleteCredentials, InvalidCredential, InvalidEndpointUrl, EndpointUnreachable, EndpointTimeout, WaitTimeout, InvalidWildcardPattern or ServiceError. A wildcard that matches no pipeline is not an error. Malformed names fail at parameter binding; a malformed wildcard (such as web-api[) is one InvalidWildcardPattern error before any call. Throttling is not an error: the cmdlet slows down to the account''s rate and sends throttled calls again, and reports Throttled only when the service lets no call through for 5 minutes.'
            )
            Parameters       = @{
                Region        = @{
                    Description = @(
                        'The AWS regions to look in, such as eu-west-1. Several regions can be given: every region is scanned (with every profile of -ProfileName), side by side, and each PendingApproval carries the Region it was found in, so Approve-PipelineAction and Deny-PipelineAction answer it there.'
                        'Without -Region the region comes, as in AWS Tools for PowerShell, from $StoredAWSRegion (set by Set-DefaultAWSRegion), then the profile in use (the one named by -ProfileName, else by the AWS_PROFILE environment variable, else the default profile), then the AWS_REGION or AWS_DEFAULT_REGION environment variable, then EC2 instance metadata. When none of them names a region the cmdlet reports NoRegion. A name that is not an AWS region is reported as UnknownRegion before any call, unless an endpoint is given: then the name only scopes the request signature.'
                    )
                }
                ProfileName   = @{
                    Description = @(
                        'The names of the AWS profiles to take credentials (and, without -Region, the region) from, in the shared config and credentials files (~/.aws/config and ~/.aws/credentials) or the file named by -ProfileLocation. Profiles with static keys, assume-role and IAM Identity Center (SSO) profiles work as in the AWS CLI. Several profiles (accounts) can be given: every profile is scanned in every region of -Region, and each PendingApproval carries the ProfileName it was found with, so Approve-PipelineAction and Deny-PipelineAction answer it with the same profile.'
                        'A name that matches no profile is reported as ProfileNotFound (once, whatever the regions) and the other profiles are still scanned; a profile that cannot supply credentials is reported as InvalidProfile, and an SSO profile whose cached login has expired as SsoLoginRequired, which tells you to run aws sso login. -AccessKey with -SecretKey, and -Credential, take precedence over the profile. The aliases StoredCredentials and AWSProfileName are the names AWS Tools for PowerShell uses.'
                    )
                }
                PipelineName  = @{
                    Description  = @(
                        'The names of the pipelines to look at. Wildcards (* ? [ ]) are matched against the account''s pipeline names, case-insensitively; a literal name is read directly and reported as PipelineNotFound if it does not exist. Without -PipelineName, every pipeline in the account and region is read.'
                        'Names can be piped, as strings or as objects with a PipelineName or Name property (the alias Name). They are collected from all of the input before the pipelines are read.'
                    )
                    DefaultValue = 'All pipelines'
                }
                StageName     = @{
                    Description  = 'Returns only approvals in stages whose name matches this name. Wildcards are allowed; matching is case-insensitive.'
                    DefaultValue = 'All stages'
                }
                ActionName    = @{
                    Description  = 'Returns only approvals whose action name matches this name. Wildcards are allowed; matching is case-insensitive.'
                    DefaultValue = 'All actions'
                }
                RevisionId    = @{
                    Description  = 'Returns only runs that carry this source revision (a commit id): the full id, or a prefix of at least 7 characters, matched case-insensitively against every artifact revision of the waiting run. A shorter value fails at parameter binding. Piped to Approve-PipelineAction -Force, this approves the tested commit wherever it waits, and nothing else.'
                    DefaultValue = 'Any revision'
                }
                Notification  = @{
                    Description = @(
                        'A CodePipeline approval notification (the JSON message CodePipeline publishes to SNS, as a string starting with {, the object ConvertFrom-Json makes of it, or its approval part), usually piped. Returns the current PendingApproval of the run it is about (same pipeline, stage, action and token), read in the notification''s region (the region member, or the region in the approval part''s approvalReviewLink; -Region given on the command line takes precedence) with each -ProfileName. When that run no longer waits, nothing is returned and a warning says what became of it (answered, by whom, expired, stopped, superseded). No other pipeline is read.'
                        'A notification that lacks region, approval, pipelineName, stageName, actionName, token or expires, or has an invalid one, gives InvalidNotification (InvalidArgument) naming the field, and the rest of the input goes on. Other strings piped are pipeline names, as before. -Wait does not apply: a notification''s run either waits already or never will again.'
                    )
                }
                ExpiringWithin = @{
                    Description  = 'Returns only approvals that expire within this time from now (a TimeSpan, such as ([timespan]::FromHours(12)) or ''12:00:00'').'
                    DefaultValue = 'No limit'
                }
                ThrottleLimit = @{
                    Description  = 'The most pipelines read at the same time, from 1 to 64. Lower it if the account''s CodePipeline API rate limits are shared with other busy callers (throttled calls are paced and sent again; Throttled is reported only when no call gets through for 5 minutes).'
                    DefaultValue = '16'
                }
                Wait          = @{
                    Description = 'Waits until at least one matching approval is pending, looking again every -PollInterval seconds, and then returns the approvals found. After -Timeout seconds without one it reports a WaitTimeout error (OperationTimeout category) and returns nothing; add -ErrorAction Stop to make that end a script. An error that waiting cannot fix (PipelineNotFound, AccessDenied, InvalidCredentials, NoRegion, ...) is reported once and ends the wait at once; transient failures give one warning each and the waiting goes on.'
                }
                Timeout       = @{
                    Description  = 'With -Wait, how many seconds to wait for a matching approval before reporting WaitTimeout; a poll still running then is cut off. 0 looks once (the whole poll).'
                    DefaultValue = '3600'
                }
                PollInterval  = @{
                    Description  = 'With -Wait, how many seconds to pause between looks, from 1 to 3600. Each look reads the state of every matching pipeline, so keep it well above a few seconds for many pipelines.'
                    DefaultValue = '15'
                }
            }
            Inputs           = @(
                @{ Type = 'System.String'; Description = 'Pipeline names, with or without wildcards, bind to -PipelineName. A string that starts with { is the JSON message of an approval notification and binds to -Notification.' }
                @{ Type = 'ApprovalTools.ApprovalNotification'; Description = 'An approval notification as ConvertFrom-Json reads it (an approval or consoleLink member), or its approval part (expires or approvalReviewLink), binds to -Notification.' }
                @{ Type = 'System.Management.Automation.PSObject'; Description = 'Objects with a PipelineName or Name property bind to -PipelineName by property name, for example the output of Get-CPPipelineList from AWS Tools for PowerShell.' }
            )
            Outputs          = @(
                @{
                    Type        = 'ApprovalTools.PendingApproval'
                    Description = @(
                        'One object per waiting manual approval, with PipelineName, StageName, ActionName, Token, PipelineExecutionId, PipelineVersion, ExecutionMode, RequestedAt and ExpiresAt (local DateTime values, so (Get-Date) - RequestedAt is the true age in any time zone; the views show them in UTC, marked Z), WaitingFor and TimeRemaining, CustomData, ExternalEntityLink, NotificationArn, Revisions (artifact name, revision id, summary, URL), RevisionSummary (the first revision''s summary, usually the commit message), ReviewUrl (the run in the AWS console), ApprovalUrl (the console dialog that answers this approval, as the notification''s approvalReviewLink), StartedBy (what started the execution: its trigger type and detail), and the identity it was listed with: Region, ProfileName, ProfileLocation, EndpointUrl and, for keys given directly, AccessKeyId (never the secret).'
                    )
                }
            )
            Notes            = @(
                'Only actions whose latest run is in progress and whose type is the AWS manual approval (Approval/AWS/Manual) are returned. An action that the service reports in progress without a token is skipped.'
                'ExpiresAt is RequestedAt plus the action''s timeoutInMinutes, or the service''s 7 days when the action sets none; after that the service fails the approval. The default table shows how long each approval has waited and how long it has left.'
                'Permissions needed: codepipeline:ListPipelines (when a name is missing or has wildcards), codepipeline:GetPipelineState, codepipeline:GetPipeline and codepipeline:GetPipelineExecution.'
                'Reading many pipelines shows a progress bar; -Verbose shows each call and where the region and credentials came from (never the secret).'
            )
            Examples         = @(
                @{
                    Title   = 'List everything that is waiting'
                    Code    = 'Get-PendingApproval'
                    Remarks = @(
                        'Reads every pipeline in the default region with the default credentials and shows one row per waiting approval: pipeline, stage, action, how long it has waited, how long until it expires, and the commit message.'
                    )
                }
                @{
                    Title   = 'Review the details of one pipeline''s approvals'
                    Code    = @'
Get-PendingApproval -PipelineName web-* -StageName Approval |
    Format-List PipelineName, PipelineExecutionId, RevisionSummary, CustomData, ExternalEntityLink, ExpiresAt, ReviewUrl
'@
                    Remarks = @(
                        'Shows, for the pipelines whose names start with web-, what each approval is about: the commit message, the reviewer instructions and link set on the action, when it expires, and the console page of the run.'
                    )
                }
                @{
                    Title   = 'Gate a runbook on an approval and approve it'
                    Code    = @'
Get-PendingApproval -PipelineName release-train -StageName Production -Wait -Timeout 1800 -PollInterval 30 -ErrorAction Stop |
    Approve-PipelineAction -Summary "Change $env:CHANGE_ID approved" -Force
'@
                    Remarks = @(
                        'Waits up to 30 minutes for the Production approval of release-train to be pending, looking every 30 seconds, then approves exactly the run that was found. If nothing becomes pending in time, -ErrorAction Stop turns the WaitTimeout error into a terminating one, so the runbook fails instead of going on.'
                    )
                }
                @{
                    Title   = 'Find approvals about to expire, in two accounts and two regions'
                    Code    = @'
Get-PendingApproval -ProfileName prod, staging -Region eu-west-1, us-east-1 |
    Where-Object TimeRemaining -lt ([timespan]::FromHours(12)) |
    Sort-Object ExpiresAt |
    Format-Table PipelineName, StageName, ProfileName, Region, ExpiresAt, ReviewUrl
'@
                    Remarks = @(
                        'Scans the four profile and region combinations side by side and lists the approvals that expire within 12 hours, soonest first. Each object remembers its profile and region, so piping it to Approve-PipelineAction answers it in the right account and region.'
                    )
                }
                @{
                    Title   = 'Use the credentials and region set with AWS Tools for PowerShell'
                    Code    = @'
Set-AWSCredential -ProfileName release-manager
Set-DefaultAWSRegion -Region eu-west-1
Get-PendingApproval -Verbose
'@
                    Remarks = @(
                        'Without credential or region parameters, the cmdlets use what Set-AWSCredential and Set-DefaultAWSRegion stored in the session ($StoredAWSCredentials and $StoredAWSRegion), as AWS Tools cmdlets do. -Verbose names where the credentials and region came from, never the secret.'
                    )
                }
                @{
                    Title   = 'Review the run an approval notification is about'
                    Code    = @'
$snsMessage | Get-PendingApproval | Format-List PipelineName, RevisionSummary, StartedBy, ExpiresAt, ApprovalUrl
'@
                    Remarks = @(
                        'Gives the current PendingApproval of the run the notification ($snsMessage, its JSON text or the object ConvertFrom-Json makes of it) is about, in the notification''s region, with the commit it carries, what started it and the console link that answers it. When the run no longer waits, a warning says what became of it and nothing is returned.'
                    )
                }
                @{
                    Title   = 'Read pipeline names from a file'
                    Code    = 'Get-Content ./release-pipelines.txt | Get-PendingApproval -ActionName *Approval*'
                    Remarks = @(
                        'Looks only at the pipelines listed in the file, one name per line, and returns their approvals whose action name contains Approval. A name in the file that does not exist is reported as PipelineNotFound; the others are still read.'
                    )
                }
                @{
                    Title   = 'Use the local CodePipeline emulator'
                    Code    = @'
# In another shell: dotnet pwsh ./build.ps1 Emulator -Port 4599
Get-PendingApproval -EndpointUrl http://127.0.0.1:4599 -Region us-east-1 -AccessKey AKIDAPPROVALTOOLS -SecretKey approvaltools-local-secret
'@
                    Remarks = @(
                        'Lists the sample approvals of the local CodePipeline that ships with the module''s source, which accepts only these keys. See about_ApprovalTools.'
                    )
                }
            )
            RelatedLinks     = @(
                @{ Text = 'Approve-PipelineAction' }
                @{ Text = 'Deny-PipelineAction' }
                @{ Text = 'about_ApprovalTools' }
                @{ Text = 'Manual approvals in CodePipeline'; Uri = 'https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals.html' }
                @{ Text = 'GetPipelineState API'; Uri = 'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GetPipelineState.html' }
            )
        }

        'Approve-PipelineAction' = @{
            SharedParameters = @('Aws', 'Answer')
            Words            = @{ Verb = 'Approve'; answer = 'approve'; answered = 'approved'; Status = 'Approved' }
            Synopsis         = 'Approves AWS CodePipeline manual approvals.'
            Description      = @(
                'Approve-PipelineAction approves a manual approval action of AWS CodePipeline, so that the run waiting there goes on to the next action. It returns an ApprovalTools.ApprovalResult for each approval it answered.'
                'The usual way is to pipe the PendingApproval objects from Get-PendingApproval. Each one carries the token of the run it describes, so the cmdlet approves exactly the runs that were listed and reviewed, never a newer one: if another run has reached the action since, the service refuses the token, nothing is approved, and an InvalidApprovalToken error names the run that is waiting now. Run Get-PendingApproval again to review it.'
                'You can also name the approval with -PipelineName, -StageName and -ActionName (positions 0, 1 and 2), or pipe objects with those properties, such as CSV rows. The cmdlet then looks up the token of the run waiting at that action at the moment of the call and approves that run; -Token pins a specific run instead. In a PARALLEL pipeline where several runs wait at the action, answering by name is refused with the error AmbiguousApproval: pipe the run you mean from Get-PendingApproval.'
                'Approving lets a change go on, so the cmdlet asks for confirmation before each approval (ConfirmImpact High); the prompt names the execution and its commit message. -Force approves without asking, -Confirm:$false does the same, and -WhatIf only shows what would be approved.'
                'Each approval that fails is reported as a non-terminating error and the rest of the input is still answered; -ErrorAction Stop makes the first failure terminating. The FullyQualifiedErrorId starts with one of: NoPendingApproval (nothing is waiting at the named action), NotAnApprovalAction, InvalidApprovalToken (the run can no longer be answered: stopped, superseded, its stage retried; the message says which), ApprovalAlreadyCompleted (the run was already answered), ApprovalExpired (it timed out unanswered), ConfirmationRequired (a prompt was needed and the host cannot show one: nothing was answered), PipelineNotFound, StageNotFound, ActionNotFound, PipelineExecutionNotFound, Validation, Throttled, AccessDenied, InvalidCredentials, ExpiredCredentials, NoCredentials, ProfileNotFound, InvalidProfile, SsoLoginRequired, NoRegion, UnknownRegion, IncompleteCredentials, InvalidCredential, InvalidEndpointUrl, EndpointUnreachable, EndpointTimeout, AnswerUnconfirmed or ServiceError. Malformed names and tokens, and a summary over 512 characters, fail at parameter binding before any call; a piped approval object with a malformed name or token gives InvalidInputObject, also before any call. If the reply to an answer is lost and the retry finds the run already answered, the action''s state is read: when it holds exactly this answer, the answer is reported as given (it is never sent twice); when the state cannot be read either, the error is AnswerUnconfirmed (OperationStopped): the answer may or may not have been applied, so check with Get-PendingApproval before answering again.'
            )
            Inputs           = @(
                @{ Type = 'ApprovalTools.PendingApproval'; Description = 'Approvals listed by Get-PendingApproval bind to -InputObject; each is approved with the token it carries.' }
                @{ Type = 'System.String'; Description = 'The JSON message of a CodePipeline approval notification (a string starting with {) binds to -Notification; it is approved in its region with its token, unless it has expired.' }
                @{ Type = 'ApprovalTools.ApprovalNotification'; Description = 'An approval notification as ConvertFrom-Json reads it (an approval or consoleLink member), or its approval part (expires or approvalReviewLink), binds to -Notification.' }
                @{ Type = 'System.Management.Automation.PSObject'; Description = 'Objects with PipelineName, StageName and ActionName properties (and optionally Token, Region, ProfileName, ProfileLocation, EndpointUrl and AccessKeyId), such as approvals back from Import-Csv, Import-Clixml or a job, bind by property name and are answered with the identity they carry.' }
            )
            Outputs          = @(
                @{
                    Type        = 'ApprovalTools.ApprovalResult'
                    Description = 'One per approval answered, with PipelineName, StageName, ActionName, Status (Approved), Summary, Token, PipelineExecutionId (looked up from the action''s state when answered with -Token), RespondedAt (when the service recorded the answer, a local DateTime shown in UTC by the views), and the identity that answered: Region, ProfileName, ProfileLocation, EndpointUrl and AccessKeyId. Nothing is returned for -WhatIf, a declined prompt, or a failure.'
                }
            )
            Notes            = @(
                'Permissions needed: codepipeline:PutApprovalResult, and when answering by name without -Token also codepipeline:GetPipelineState, codepipeline:GetPipeline and codepipeline:GetPipelineExecution.'
                'An approval can be answered once: a second answer for the same run gives ApprovalAlreadyCompleted. When the approval expires before it is answered, the service fails the action and the run stops there; answering it then gives ApprovalExpired.'
                'In a non-interactive session (CI, scheduled task, pwsh in NonInteractive mode, standard input closed) a confirmation prompt cannot be shown: each item then fails with ConfirmationRequired and nothing is answered, so use -Force or -Confirm:$false there.'
            )
            Examples         = @(
                @{
                    Title   = 'Review and approve interactively'
                    Code    = @'
Get-PendingApproval -PipelineName web-api
Get-PendingApproval -PipelineName web-api | Approve-PipelineAction -Summary 'Smoke tests green'
'@
                    Remarks = @(
                        'The first command shows what is waiting at web-api. The second approves it after asking for confirmation; the prompt names the execution and commit message of the run, which is exactly the run that was listed.'
                    )
                }
                @{
                    Title   = 'See what would be approved, then approve it'
                    Code    = @'
Get-PendingApproval -PipelineName web-* | Approve-PipelineAction -WhatIf
Get-PendingApproval -PipelineName web-* | Approve-PipelineAction -Comment 'Release 2024.06 signed off' -Force
'@
                    Remarks = @(
                        'The first command only lists, for every approval waiting in the web- pipelines, what would be approved. The second approves them all without prompting (Comment is an alias of -Summary) and returns one ApprovalResult each.'
                    )
                }
                @{
                    Title   = 'Gate a runbook on an approval'
                    Code    = @'
$result = Get-PendingApproval -PipelineName release-train -StageName Production -Wait -Timeout 1800 -ErrorAction Stop |
    Approve-PipelineAction -Summary "Change $env:CHANGE_ID approved by the release runbook" -Force -ErrorAction Stop
"Approved execution $($result.PipelineExecutionId) at $($result.RespondedAt)"
'@
                    Remarks = @(
                        'Waits up to 30 minutes for the Production approval of release-train, approves the run found without prompting, and reports which run was approved. Either WaitTimeout or a failed answer ends the runbook with an error.'
                    )
                }
                @{
                    Title   = 'Approve by name'
                    Code    = 'Approve-PipelineAction -PipelineName web-frontend -StageName Approval -ActionName ManualApproval -Reason ''Hotfix verified in staging'''
                    Remarks = @(
                        'Looks up the run waiting at that action now and approves it after confirmation. The names are positional, so Approve-PipelineAction web-frontend Approval ManualApproval does the same. If nothing is waiting there, the NoPendingApproval error says what the action''s latest run did instead.'
                    )
                }
                @{
                    Title   = 'Handle a stale listing'
                    Code    = @'
$reviewed = Get-PendingApproval -PipelineName web-frontend
# ... the approver reads the diff; meanwhile a newer commit may reach the approval ...
$reviewed | Approve-PipelineAction -Summary 'Reviewed' -Force -ErrorVariable failed -ErrorAction SilentlyContinue
foreach ($e in $failed) {
    switch -Wildcard ($e.FullyQualifiedErrorId) {
        'InvalidApprovalToken,*'     { Write-Warning "Not approved: $($e.Exception.Message)" }
        'ApprovalAlreadyCompleted,*' { Write-Warning "$($e.TargetObject) was already answered by someone else." }
        default                      { Write-Error -ErrorRecord $e }
    }
}
'@
                    Remarks = @(
                        'If the listed run can no longer be answered (stopped, superseded, the stage retried), its token no longer matches and nothing is approved; the warning says what became of it and names the execution waiting now, which has to be reviewed and listed again. An approval answered meanwhile by someone else gives ApprovalAlreadyCompleted. Any other error is passed on.'
                    )
                }
                @{
                    Title   = 'Approve the run an SNS notification is about'
                    Code    = @'
# In a runbook started by the SNS topic of the approval action: $snsMessage is the notification's JSON text
$snsMessage | Approve-PipelineAction -Summary 'Approved from chat' -Force
($snsMessage | ConvertFrom-Json).approval | Approve-PipelineAction -Summary 'Approved from chat' -Force
'@
                    Remarks = @(
                        'Either line approves exactly the run the notification was about, with its token, in the notification''s region (the approval part alone gives it in its approvalReviewLink). Past the notification''s expires time the answer is refused as ApprovalExpired before any call; if a newer run is waiting, InvalidApprovalToken says so and nothing is approved.'
                    )
                }
                @{
                    Title   = 'Approve one of several runs waiting in a PARALLEL pipeline'
                    Code    = 'Approve-PipelineAction infra-parallel Approval ApplyApproval -PipelineExecutionId $runId -Summary ''Plan reviewed'' -Force'
                    Remarks = @(
                        'Several runs can wait at one approval of a PARALLEL pipeline; -PipelineExecutionId names the one to approve. If that execution is not waiting there, ExecutionMismatch names the runs that are, and nothing is approved.'
                    )
                }
            )
            RelatedLinks     = @(
                @{ Text = 'Get-PendingApproval' }
                @{ Text = 'Deny-PipelineAction' }
                @{ Text = 'about_ApprovalTools' }
                @{ Text = 'Manual approvals in CodePipeline'; Uri = 'https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals.html' }
                @{ Text = 'PutApprovalResult API'; Uri = 'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PutApprovalResult.html' }
            )
        }

        'Deny-PipelineAction'    = @{
            SharedParameters = @('Aws', 'Answer')
            Words            = @{ Verb = 'Reject'; answer = 'reject'; answered = 'rejected'; Status = 'Rejected' }
            Synopsis         = 'Rejects AWS CodePipeline manual approvals.'
            Description      = @(
                'Deny-PipelineAction rejects a manual approval action of AWS CodePipeline, so that the run waiting there fails at that action and goes no further. It returns an ApprovalTools.ApprovalResult with the status Rejected for each approval it answered.'
                'The usual way is to pipe the PendingApproval objects from Get-PendingApproval. Each one carries the token of the run it describes, so the cmdlet rejects exactly the runs that were listed, never a newer one: if another run has reached the action since, the service refuses the token, nothing is rejected, and an InvalidApprovalToken error names the run that is waiting now.'
                'You can also name the approval with -PipelineName, -StageName and -ActionName (positions 0, 1 and 2), or pipe objects with those properties, such as rows of a CSV file. The cmdlet then looks up the token of the run waiting at that action at the moment of the call and rejects that run; -Token pins a specific run instead. In a PARALLEL pipeline where several runs wait at the action, answering by name is refused with the error AmbiguousApproval: pipe the run you mean from Get-PendingApproval.'
                'Rejecting stops a run, so the cmdlet asks for confirmation before each rejection (ConfirmImpact High); the prompt names the execution and its commit message. -Force rejects without asking, -Confirm:$false does the same, and -WhatIf only shows what would be rejected. Give the reason with -Reason (an alias of -Summary); the pipeline''s history shows it.'
                'Each rejection that fails is reported as a non-terminating error and the rest of the input is still answered; -ErrorAction Stop makes the first failure terminating. The FullyQualifiedErrorId starts with one of: NoPendingApproval (nothing is waiting at the named action), NotAnApprovalAction, InvalidApprovalToken (the run can no longer be answered: stopped, superseded, its stage retried; the message says which), ApprovalAlreadyCompleted (the run was already answered), ApprovalExpired (it timed out unanswered), ConfirmationRequired (a prompt was needed and the host cannot show one: nothing was answered), PipelineNotFound, StageNotFound, ActionNotFound, PipelineExecutionNotFound, Validation, Throttled, AccessDenied, InvalidCredentials, ExpiredCredentials, NoCredentials, ProfileNotFound, InvalidProfile, SsoLoginRequired, NoRegion, UnknownRegion, IncompleteCredentials, InvalidCredential, InvalidEndpointUrl, EndpointUnreachable, EndpointTimeout, AnswerUnconfirmed or ServiceError. Malformed names and tokens, and a reason over 512 characters, fail at parameter binding before any call; a piped approval object with a malformed name or token gives InvalidInputObject, also before any call. If the reply to an answer is lost and the retry finds the run already answered, the action''s state is read: when it holds exactly this answer, the answer is reported as given (it is never sent twice); when the state cannot be read either, the error is AnswerUnconfirmed (OperationStopped): the answer may or may not have been applied, so check with Get-PendingApproval before answering again.'
            )
            Inputs           = @(
                @{ Type = 'ApprovalTools.PendingApproval'; Description = 'Approvals listed by Get-PendingApproval bind to -InputObject; each is rejected with the token it carries.' }
                @{ Type = 'System.String'; Description = 'The JSON message of a CodePipeline approval notification (a string starting with {) binds to -Notification; it is rejected in its region with its token, unless it has expired.' }
                @{ Type = 'ApprovalTools.ApprovalNotification'; Description = 'An approval notification as ConvertFrom-Json reads it (an approval or consoleLink member), or its approval part (expires or approvalReviewLink), binds to -Notification.' }
                @{ Type = 'System.Management.Automation.PSObject'; Description = 'Objects with PipelineName, StageName and ActionName properties (and optionally Token, Region, ProfileName, ProfileLocation, EndpointUrl and AccessKeyId), such as approvals back from Import-Csv, Import-Clixml or a job, bind by property name and are answered with the identity they carry.' }
            )
            Outputs          = @(
                @{
                    Type        = 'ApprovalTools.ApprovalResult'
                    Description = 'One per approval answered, with PipelineName, StageName, ActionName, Status (Rejected), Summary, Token, PipelineExecutionId (looked up from the action''s state when answered with -Token), RespondedAt (when the service recorded the answer, a local DateTime shown in UTC by the views), and the identity that answered: Region, ProfileName, ProfileLocation, EndpointUrl and AccessKeyId. Nothing is returned for -WhatIf, a declined prompt, or a failure.'
                }
            )
            Notes            = @(
                'Permissions needed: codepipeline:PutApprovalResult, and when answering by name without -Token also codepipeline:GetPipelineState, codepipeline:GetPipeline and codepipeline:GetPipelineExecution.'
                'A rejected run cannot be approved afterwards; to ship the change, start the pipeline again (or retry the stage) and approve the new run.'
                'In a non-interactive session (CI, scheduled task, pwsh in NonInteractive mode, standard input closed) a confirmation prompt cannot be shown: each item then fails with ConfirmationRequired and nothing is answered, so use -Force or -Confirm:$false there.'
            )
            Examples         = @(
                @{
                    Title   = 'Reject a listed approval interactively'
                    Code    = 'Get-PendingApproval -PipelineName mobile-release -StageName QA | Deny-PipelineAction -Reason ''Crash on launch in build 412'''
                    Remarks = @(
                        'Rejects the QA approval of mobile-release after confirmation; the prompt names the run and its commit, and only that run is rejected.'
                    )
                }
                @{
                    Title   = 'Reject by name without prompting'
                    Code    = 'Deny-PipelineAction -PipelineName mobile-release -StageName Production -ActionName ProdGate -Reason ''Store review pending'' -Force'
                    Remarks = @(
                        'Looks up the run waiting at the ProdGate action now and rejects it. NoPendingApproval is reported if nothing is waiting there.'
                    )
                }
                @{
                    Title   = 'Reject the approvals listed in a CSV file'
                    Code    = @'
# freeze.csv:
#   PipelineName,StageName,ActionName
#   web-frontend,Approval,ManualApproval
#   mobile-release,Production,ProdGate
Import-Csv ./freeze.csv | Deny-PipelineAction -Reason 'Change freeze until Monday' -Force -ErrorVariable failed
$failed | ForEach-Object { '{0}: {1}' -f $_.TargetObject, $_.FullyQualifiedErrorId.Split(',')[0] }
'@
                    Remarks = @(
                        'Each row binds by property name and is rejected on its own; a row that fails (for example NoPendingApproval when nothing is waiting there) is reported and the other rows are still rejected. The last line lists the failures as pipeline/stage/action and error id. A Token column, when present, pins the run of that row.'
                    )
                }
                @{
                    Title   = 'Reject the run of an approval notification'
                    Code    = 'Get-Content ./notification.json -Raw | Deny-PipelineAction -Reason ''Failed the load test'' -Force'
                    Remarks = @(
                        'Rejects the run the saved SNS notification is about, in its region, with its token. A notification past its expires time gives ApprovalExpired and a malformed one InvalidNotification, both before any call. Without its Raw switch, Get-Content would pipe the file line by line: the first line, {, gives InvalidNotification and the others bind to nothing.'
                    )
                }
                @{
                    Title   = 'Reject approvals that waited too long, in a runbook'
                    Code    = @'
Get-PendingApproval -Region eu-west-1 |
    Where-Object WaitingFor -gt ([timespan]::FromDays(3)) |
    Deny-PipelineAction -Reason 'Not reviewed within 3 days; push again to retry' -Force
'@
                    Remarks = @(
                        'Rejects every approval in eu-west-1 that has waited more than three days, each with the token of the run that was listed, and returns an ApprovalResult for each.'
                    )
                }
                @{
                    Title   = 'Stop on the first failure, and handle a stale listing'
                    Code    = @'
$listed = Get-PendingApproval -PipelineName web-frontend
# ... the load test of that run fails ...
try {
    $listed | Deny-PipelineAction -Reason 'Failed load test' -Force -ErrorAction Stop
}
catch {
    if ($_.FullyQualifiedErrorId -like 'InvalidApprovalToken,*') {
        Write-Warning "A newer run is waiting; nothing was rejected. $($_.Exception.Message)"
    }
    else { throw }
}
'@
                    Remarks = @(
                        'With -ErrorAction Stop the first failure ends the command and lands in catch. If a newer run reached the approval after the listing, the token of the listed run is refused and nothing is rejected: the newer run, which the load test has not judged, goes on waiting, and the message names it. Other errors are rethrown.'
                    )
                }
            )
            RelatedLinks     = @(
                @{ Text = 'Get-PendingApproval' }
                @{ Text = 'Approve-PipelineAction' }
                @{ Text = 'about_ApprovalTools' }
                @{ Text = 'Manual approvals in CodePipeline'; Uri = 'https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals.html' }
                @{ Text = 'PutApprovalResult API'; Uri = 'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PutApprovalResult.html' }
            )
        }

        'Get-ApprovalHistory'    = @{
            SharedParameters = @('Aws')
            Synopsis         = 'Lists the AWS CodePipeline manual approvals that were answered or ended: who decided what, when and why.'
            Description      = @(
                'Get-ApprovalHistory returns one ApprovalTools.ApprovalRecord object for each run of a manual approval action that was decided: approved, rejected, expired (failed by its timeout, nobody answered) or abandoned (its execution was stopped). Each record names the pipeline, stage, action and execution, the outcome, the summary the answer recorded, who answered (the caller''s ARN and its short name: the user name, or the session name of an assumed role), when the approval was requested and answered, how long it waited, the source revisions of the run, and the region and profile it was read with. Every property is a plain value, so Export-Csv writes readable columns.'
                'The records come from the action history (ListActionExecutions), which CodePipeline keeps for 12 months. By default the decisions of the last 7 days are returned; -Since and -Until set another window (on the time of the decision). The history is read newest first and paging stops once the runs started so long ago that none can have been decided in the window (the window''s start minus the longest wait of the pipeline''s approvals).'
                'Without -PipelineName it reads every pipeline in the account and region. Names can contain wildcards and can come from the pipeline. Several -Region and -ProfileName values are read side by side, at most -ThrottleLimit pipelines at a time, and records are written as they are found, so their order is not fixed.'
                'With -Wait and -PipelineExecutionId the cmdlet reads the history of that execution again every -PollInterval seconds until its approval is decided, then returns the decision, or reports WaitTimeout after -Timeout seconds: a runbook that asked for an approval gets the decision and who made it.'
                'Each failure is a non-terminating error and the other pipelines are still read. Without the permission codepipeline:ListActionExecutions the cmdlet reports one AccessDenied error naming that permission per region and profile, not one per pipeline. Other ids: PipelineNotFound, PipelineExecutionNotFound (no pipeline read has that execution), WaitTimeout, and the credential and region errors of the other cmdlets.'
            )
            Parameters       = @{
                Region              = @{
                    Description = @(
                        'The AWS regions to read, such as eu-west-1. Several regions can be given: every region is read (with every profile of -ProfileName), side by side, and each record carries the Region it was found in. Without -Region the region is found as for the other cmdlets (see about_ApprovalTools).'
                    )
                }
                ProfileName         = @{
                    Description = @(
                        'The names of the AWS profiles to take credentials (and, without -Region, the region) from. Several profiles (accounts) can be given: every profile is read in every region of -Region, and each record carries the ProfileName it was read with. A name that matches no profile is reported as ProfileNotFound once and the other profiles are still read. The aliases StoredCredentials and AWSProfileName are the names AWS Tools for PowerShell uses.'
                    )
                }
                PipelineName        = @{
                    Description  = @(
                        'The names of the pipelines to read. Wildcards (* ? [ ]) are matched against the account''s pipeline names, case-insensitively; a literal name is read directly and reported as PipelineNotFound if it does not exist. Names can be piped, as strings or as objects with a PipelineName or Name property.'
                    )
                    DefaultValue = 'All pipelines'
                }
                StageName           = @{
                    Description  = 'Returns only approvals in stages whose name matches this name. Wildcards are allowed; matching is case-insensitive.'
                    DefaultValue = 'All stages'
                }
                ActionName          = @{
                    Description  = 'Returns only approvals whose action name matches this name. Wildcards are allowed; matching is case-insensitive.'
                    DefaultValue = 'All actions'
                }
                Since               = @{
                    Description  = 'Returns only decisions made at or after this time. A time without a zone is local time, as Get-Date gives it.'
                    DefaultValue = '7 days ago (no bound with -PipelineExecutionId)'
                }
                Until               = @{
                    Description  = 'Returns only decisions made at or before this time. A time without a zone is local time.'
                    DefaultValue = 'No bound'
                }
                Status              = @{
                    Description  = 'Returns only decisions with one of these outcomes: Approved, Rejected, Expired (the approval timed out without an answer) or Abandoned (its execution was stopped, or the pipeline update cancelled it).'
                    DefaultValue = 'All outcomes'
                }
                AnsweredBy          = @{
                    Description  = 'Returns only answers given by a caller whose ARN, or whose short name (the user name, or the session name of an assumed role), matches one of these. Wildcards are allowed; matching is case-insensitive. Expired and abandoned runs were answered by nobody and never match.'
                    DefaultValue = 'Anyone'
                }
                PipelineExecutionId = @{
                    Description  = 'Returns only the approvals of this pipeline execution (the window then has no default: give -Since to set one). When no pipeline read has that execution, the cmdlet reports PipelineExecutionNotFound. Required with -Wait.'
                    DefaultValue = 'All executions'
                }
                ThrottleLimit       = @{
                    Description  = 'The most pipelines read at the same time, from 1 to 64.'
                    DefaultValue = '16'
                }
                Wait                = @{
                    Description = 'With -PipelineExecutionId: waits until that execution''s approval is decided (no run of it still waiting, and at least one decided), reading its history every -PollInterval seconds, then returns the decisions. After -Timeout seconds without one it reports WaitTimeout (OperationTimeout category).'
                }
                Timeout             = @{
                    Description  = 'With -Wait, how many seconds to wait for the decision before reporting WaitTimeout. 0 looks once.'
                    DefaultValue = '3600'
                }
                PollInterval        = @{
                    Description  = 'With -Wait, how many seconds to pause between reads, from 1 to 3600.'
                    DefaultValue = '15'
                }
            }
            Inputs           = @(
                @{ Type = 'System.String'; Description = 'Pipeline names, with or without wildcards, bind to -PipelineName.' }
                @{ Type = 'System.Management.Automation.PSObject'; Description = 'Objects with a PipelineName or Name property bind to -PipelineName by property name.' }
            )
            Outputs          = @(
                @{
                    Type        = 'ApprovalTools.ApprovalRecord'
                    Description = @(
                        'One object per decided approval run, with PipelineName, StageName, ActionName, PipelineExecutionId, ActionExecutionId, Status, Summary, AnsweredBy (ARN) and AnsweredByName, RequestedAt and AnsweredAt (UTC), WaitedFor, Revisions (artifact@revision, separated by "; "), RevisionSummary, Region and ProfileName. Every property is a plain value, so Export-Csv writes readable columns.'
                    )
                }
            )
            Notes            = @(
                'Permissions needed: codepipeline:ListActionExecutions (not in the managed policy AWSCodePipelineApproverAccess), codepipeline:ListPipelines (when a name is missing or has wildcards), codepipeline:GetPipeline (to tell a timeout from a rejection) and codepipeline:GetPipelineExecution (for the revisions).'
                'A rejection and a timeout both fail the action. The cmdlet tells them apart as Approve-PipelineAction does for a refused token: by the error the service gives, else by the missing caller and the time the approval waited against its timeout.'
            )
            Examples         = @(
                @{
                    Title   = 'Who approved what this week'
                    Code    = 'Get-ApprovalHistory'
                    Remarks = @(
                        'Reads the action history of every pipeline in the default region and shows one row per decision of the last 7 days: pipeline, action, outcome, who decided, when, and the summary.'
                    )
                }
                @{
                    Title   = 'Audit evidence for a quarter, as CSV'
                    Code    = @'
Get-ApprovalHistory -ProfileName prod -Region eu-west-1, us-east-1 -Since 2025-01-01 -Until 2025-03-31T23:59:59 |
    Export-Csv ./approvals-q1.csv -NoTypeInformation
'@
                    Remarks = @(
                        'Writes every decision of the first quarter in both regions of the prod account to a CSV file, one readable column per property: who answered (ARN and name), when, how long the approval waited, the summary and the revisions.'
                    )
                }
                @{
                    Title   = 'Rejections and expiries by one person or role session'
                    Code    = 'Get-ApprovalHistory -PipelineName web-* -Status Rejected, Expired -AnsweredBy jane* -Since (Get-Date).AddDays(-30)'
                    Remarks = @(
                        'Lists the rejections of the last 30 days in the web-* pipelines answered by a caller whose user name or assumed-role session name starts with jane. Expired approvals were answered by nobody, so -AnsweredBy leaves them out.'
                    )
                }
                @{
                    Title   = 'Wait in a runbook for the decision on the run it asked about'
                    Code    = @'
$pending = Get-PendingApproval -PipelineName release-train -StageName Production -Wait -ErrorAction Stop
Send-ChatMessage "Please review $($pending.ReviewUrl)"
$decision = Get-ApprovalHistory -PipelineName release-train -PipelineExecutionId $pending.PipelineExecutionId -Wait -Timeout 7200 -PollInterval 60 -ErrorAction Stop
"$($decision.Status) by $($decision.AnsweredByName): $($decision.Summary)"
'@
                    Remarks = @(
                        'Blocks until the approval of that execution is decided (or reports WaitTimeout after two hours), then says how it was decided and by whom.'
                    )
                }
            )
            RelatedLinks     = @(
                @{ Text = 'Get-PendingApproval' }
                @{ Text = 'Approve-PipelineAction' }
                @{ Text = 'about_ApprovalTools' }
                @{ Text = 'ListActionExecutions API'; Uri = 'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListActionExecutions.html' }
            )
        }
    }
}
