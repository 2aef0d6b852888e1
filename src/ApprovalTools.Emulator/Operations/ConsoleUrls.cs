using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>The console links the service puts in action states, per provider, for the caller's region.</summary>
internal static class ConsoleUrls
{
    public static string? Entity(ActionDefinition action, string region) => action.Provider switch
    {
        "CodeStarSourceConnection" when action.Config("FullRepositoryId") is { } repo =>
            $"https://github.com/{repo}/tree/{action.Config("BranchName") ?? "main"}",
        "CodeCommit" =>
            $"https://{region}.console.aws.amazon.com/codesuite/codecommit/repositories/{action.Config("RepositoryName")}/browse/refs/heads/{action.Config("BranchName")}?region={region}",
        "S3" when action.Category == "Source" => $"https://console.aws.amazon.com/s3/home?region={region}#/bucket/{action.Config("S3Bucket")}",
        "S3" => $"https://s3.console.aws.amazon.com/s3/buckets/{action.Config("BucketName")}?region={region}",
        "CodeBuild" => $"https://{region}.console.aws.amazon.com/codesuite/codebuild/projects/{action.Config("ProjectName")}/history?region={region}",
        "CodeDeploy" => $"https://{region}.console.aws.amazon.com/codesuite/codedeploy/applications/{action.Config("ApplicationName")}?region={region}",
        "ECS" => $"https://{region}.console.aws.amazon.com/ecs/v2/clusters/{action.Config("ClusterName")}/services/{action.Config("ServiceName")}?region={region}",
        "Lambda" => $"https://{region}.console.aws.amazon.com/lambda/home?region={region}#/functions/{action.Config("FunctionName")}",
        "Manual" => action.Config("ExternalEntityLink"),
        _ => null,
    };

    public static string? ExternalExecution(ActionDefinition action, string? externalId, string region)
    {
        if (externalId is null) return null;
        return action.Provider switch
        {
            "CodeBuild" => $"https://{region}.console.aws.amazon.com/codesuite/codebuild/projects/{action.Config("ProjectName")}/build/{Uri.EscapeDataString(externalId)}/log?region={region}",
            "CodeDeploy" => $"https://{region}.console.aws.amazon.com/codesuite/codedeploy/deployments/{externalId}?region={region}",
            _ => null,
        };
    }
}
