using System.Diagnostics;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator;

namespace ApprovalTools.Tests.Emulator;

/// <summary>Runs the preinstalled AWS CLI against an emulator, isolated from any local AWS configuration.</summary>
internal static class AwsCli
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public JsonNode Json => JsonNode.Parse(StdOut) ?? throw new InvalidOperationException("The CLI printed nothing.");
    }

    public static async Task<Result> RunAsync(Uri endpoint, string secret, params string[] args)
    {
        var info = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "codepipeline" }.Concat(args).Concat(["--endpoint-url", endpoint.GetLeftPart(UriPartial.Authority), "--output", "json"]))
            info.ArgumentList.Add(a);
        var env = info.Environment;
        env["AWS_ACCESS_KEY_ID"] = EmulatorOptions.DefaultAccessKeyId;
        env["AWS_SECRET_ACCESS_KEY"] = secret;
        env["AWS_DEFAULT_REGION"] = "us-east-1";
        env["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        env["AWS_PAGER"] = "";
        env["AWS_MAX_ATTEMPTS"] = "1";
        foreach (var name in new[] { "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CODEPIPELINE" })
            env.Remove(name);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the AWS CLI.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
