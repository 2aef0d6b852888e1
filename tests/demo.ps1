# The narrated walkthrough `./build.ps1 Demo` runs against the local CodePipeline.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointUrl
)
$ErrorActionPreference = 'Stop'

# The local CodePipeline's keys; against AWS your usual credentials and region are used instead.
$env:AWS_ACCESS_KEY_ID = 'AKIDAPPROVALTOOLS'
$env:AWS_SECRET_ACCESS_KEY = 'approvaltools-local-secret'
$env:AWS_REGION = 'us-east-1'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module $ModulePath
$PSDefaultParameterValues['*-Pending*:EndpointUrl'] = $EndpointUrl
$PSDefaultParameterValues['*-PipelineAction:EndpointUrl'] = $EndpointUrl
$PSDefaultParameterValues['Get-ApprovalHistory:EndpointUrl'] = $EndpointUrl

function Step([string] $Text) { Write-Host "`n# $Text" -ForegroundColor Cyan }
function Show([string] $Command) {
    Write-Host "PS> $Command" -ForegroundColor Yellow
    $result = Invoke-Expression $Command
    # As a terminal of usual width shows it (a redirected console reports only 80 columns).
    $result | Out-String -Width 120 | Out-Host
    $result
}

Write-Host "ApprovalTools demo against the local CodePipeline at $EndpointUrl" -ForegroundColor Green

Step 'What is waiting for an answer, in every pipeline?'
$pending = Show 'Get-PendingApproval'

Step 'Everything an approver needs about one of them: the commit, the custom data, when it expires.'
$null = Show 'Get-PendingApproval -PipelineName web-api | Format-List'

Step 'What would approving the web-* pipelines do? -WhatIf answers nothing.'
$null = Show 'Get-PendingApproval -PipelineName web-* | Approve-PipelineAction -Summary "Smoke tests green" -WhatIf'

Step 'Approve them for real (-Force skips the confirmation prompt, as in a runbook).'
$approved = Show 'Get-PendingApproval -PipelineName web-* | Approve-PipelineAction -Summary "Smoke tests green" -Force'

Step 'Reject one by name; the module finds the token of the run waiting now.'
$denied = Show 'Deny-PipelineAction -PipelineName mobile-release -StageName QA -ActionName QASignOff -Reason "Crash on launch in build 412" -Force'

Step 'What is still waiting?'
$left = Show 'Get-PendingApproval'

Step 'The record: who approved and rejected what (the service recorded the caller and the summary).'
$history = Show 'Get-ApprovalHistory -Since (Get-Date).AddMinutes(-5)'

if ($history.Count -ne 3 -or @($history | Where-Object Status -eq 'Rejected').Count -ne 1) {
    throw 'The history does not show what the demo answered.'
}
if ($approved.Count -ne 2 -or $denied.Status -ne 'Rejected' -or ($left | Where-Object PipelineName -like 'web-*')) {
    throw 'The demo did not end as expected.'
}
Write-Host "`nDone: $($approved.Count) approved, 1 rejected, $(@($left).Count) still waiting." -ForegroundColor Green
