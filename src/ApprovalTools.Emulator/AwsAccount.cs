namespace ApprovalTools.Emulator;

/// <summary>The one (fake) account everything lives in.</summary>
internal static class AwsAccount
{
    public const string Id = "123456789012";
}
