using ApprovalTools.Emulator.Aws;

namespace ApprovalTools.Emulator.Operations;

/// <summary>What a handler gets besides its input: the state (lock held by the dispatcher), the caller and the
/// time.</summary>
internal sealed record OperationContext(EmulatorState State, CallerIdentity Caller, DateTimeOffset Now)
{
    public string PipelineArn(string name) => $"arn:aws:codepipeline:{Caller.Region}:{AwsAccount.Id}:{name}";

    /// <summary>The ARN the caller's key belongs to: an IAM user for static keys, the assumed-role session for
    /// credentials the emulator's STS or SSO portal issued.</summary>
    public string CallerArn => CallerArnOf(State, Caller.AccessKeyId);

    public EmulatorSettings Settings => State.Settings;

    public static string CallerArnOf(EmulatorState state, string accessKeyId) =>
        state.CredentialStore.Find(accessKeyId)?.Arn ?? $"arn:aws:iam::{AwsAccount.Id}:user/{accessKeyId}";
}
