using ApprovalTools.Emulator.Aws;

namespace ApprovalTools.Emulator.Operations;

/// <summary>What a handler gets besides its input: the state (lock held by the dispatcher), the caller and the time.</summary>
internal sealed record OperationContext(EmulatorState State, CallerIdentity Caller, DateTimeOffset Now)
{
    public string PipelineArn(string name) => $"arn:aws:codepipeline:{Caller.Region}:{AwsAccount.Id}:{name}";
    public string CallerArn => $"arn:aws:iam::{AwsAccount.Id}:user/{Caller.AccessKeyId}";
}
