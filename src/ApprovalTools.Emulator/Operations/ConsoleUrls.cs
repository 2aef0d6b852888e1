using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>The console links the service puts in action states, per provider, for the caller's region.</summary>
internal static class ConsoleUrls
{
    public static string? Entity(ActionDefinition action, string region) => action.Provider switch
    {
        "CodeStarSourceConnection" when action.Config("FullRepositoryId") is { } repo =>
            $"https://github.com/{repo}/tree/{action.Config("BranchName") ?? "main"}",
        "CodeCommit" => Console(region, "codesuite/codecommit/repositories/" +
            $"{action.Config("RepositoryName")}/browse/refs/heads/{action.Config("BranchName")}?region={region}"),
        "S3" when action.Category == "Source" =>
            $"https://console.aws.amazon.com/s3/home?region={region}#/bucket/{action.Config("S3Bucket")}",
        "S3" => $"https://s3.console.aws.amazon.com/s3/buckets/{action.Config("BucketName")}?region={region}",
        "CodeBuild" => Console(region,
            $"codesuite/codebuild/projects/{action.Config("ProjectName")}/history?region={region}"),
        "CodeDeploy" => Console(region,
            $"codesuite/codedeploy/applications/{action.Config("ApplicationName")}?region={region}"),
        "ECS" => Console(region,
            $"ecs/v2/clusters/{action.Config("ClusterName")}/services/{action.Config("ServiceName")}?region={region}"),
        "Lambda" => Console(region, $"lambda/home?region={region}#/functions/{action.Config("FunctionName")}"),
        "Manual" => action.Config("ExternalEntityLink"),
        _ => null,
    };

    public static string? ExternalExecution(ActionDefinition action, string? externalId, string region)
    {
        if (externalId is null) return null;
        return action.Provider switch
        {
            "CodeBuild" => Console(region, $"codesuite/codebuild/projects/{action.Config("ProjectName")}/build/" +
                $"{Uri.EscapeDataString(externalId)}/log?region={region}"),
            "CodeDeploy" => Console(region, $"codesuite/codedeploy/deployments/{externalId}?region={region}"),
            _ => null,
        };
    }

    /// <summary>A page of the regional AWS console.</summary>
    private static string Console(string region, string path) => $"https://{region}.console.aws.amazon.com/{path}";
}
