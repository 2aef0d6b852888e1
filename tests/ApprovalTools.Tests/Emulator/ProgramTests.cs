using System.Diagnostics;
using System.Text.RegularExpressions;
using ApprovalTools.Emulator;
using Xunit;

namespace ApprovalTools.Tests.Emulator;

/// <summary>The command-line host and seed files.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task The_program_announces_its_url_on_the_first_stdout_line()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ApprovalTools.Emulator.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--port", "0", "--quiet" }) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:1"; // must not matter
        using var process = Process.Start(info)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var match = Regex.Match(line ?? "", @"^ApprovalTools local CodePipeline listening on http://127\.0\.0\.1:(\d+)$");
            Assert.True(match.Success, $"first line was '{line}'");
            using var http = new HttpClient();
            var health = await http.GetAsync($"http://127.0.0.1:{match.Groups[1].Value}/_emulator/health");
            Assert.True(health.IsSuccessStatusCode);

            // SIGTERM stops it cleanly.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_seed_file_replaces_the_sample_data_and_a_broken_one_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("emulator-seed-");
        try
        {
            var seed = Path.Combine(dir.FullName, "seed.json");
            await File.WriteAllTextAsync(seed, """
                {
                  "pipelines": [
                    {
                      "pipeline": {
                        "name": "only-one",
                        "roleArn": "arn:aws:iam::123456789012:role/pipeline",
                        "stages": [
                          { "name": "Gate", "actions": [ { "name": "Approve", "actionTypeId": { "category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1" } } ] }
                        ]
                      },
                      "executions": [
                        { "pipelineExecutionId": "11111111-2222-4333-8444-555555555555", "startedMinutesAgo": 30,
                          "actions": { "Gate/Approve": { "token": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" } } }
                      ]
                    }
                  ]
                }
                """);
            await using (var h = await Harness.StartAsync(new EmulatorOptions { SeedPath = seed }))
            {
                var list = await h.OkAsync("ListPipelines");
                Assert.Equal("only-one", (string)Assert.Single(list["pipelines"]!.AsArray())!["name"]!);
                var latest = Harness.Latest(await h.StateOfAsync("only-one"), "Gate", "Approve")!;
                Assert.Equal("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", (string)latest["token"]!);
                // Defaults filled in, as the service reports them.
                var declaration = (await h.OkAsync("GetPipeline", new { name = "only-one" }))["pipeline"]!;
                Assert.Equal(("V1", "SUPERSEDED", 1),
                    ((string)declaration["pipelineType"]!, (string)declaration["executionMode"]!, (int)declaration["version"]!));
            }

            await File.WriteAllTextAsync(seed, """{ "pipelines": [ { "pipeline": { "name": "bad name", "roleArn": "x", "stages": [] } } ] }""");
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorServer.StartAsync(new EmulatorOptions { SeedPath = seed }));
            Assert.Contains("'bad name'", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
