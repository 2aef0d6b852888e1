using System.Net;
using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

public class UnmarshallingTests
{
    private static readonly DateTime T0 = new(2023, 11, 14, 22, 13, 20, 123, DateTimeKind.Utc); // 1700000000.123

    private static async Task<T> Receive<T>(string body, Func<CodePipelineClient, Task<T>> call)
    {
        using var client = Stub.Client(StubHandler.Json((HttpStatusCode.OK, body)));
        return await call(client);
    }

    [Theory]
    [InlineData("1700000000.123")]
    [InlineData("1.700000000123E9")]
    [InlineData("\"1700000000.123\"")]
    [InlineData("\"2023-11-14T22:13:20.123Z\"")]
    public async Task Timestamps_are_epoch_seconds_read_as_utc(string wire)
    {
        var r = await Receive($$"""{"approvedAt":{{wire}}}""", c => c.PutApprovalResultAsync(new PutApprovalResultRequest()));
        Assert.Equal(T0, r.ApprovedAt);
        Assert.Equal(DateTimeKind.Utc, r.ApprovedAt!.Value.Kind);
    }

    [Fact]
    public void Epoch_conversion_keeps_sub_second_precision()
    {
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 1, 500, DateTimeKind.Utc), EpochSecondsConverter.FromEpochSeconds(1.5m));
        Assert.Equal(1700000000.123m, EpochSecondsConverter.ToEpochSeconds(T0));
        Assert.Equal(1700000000.123m, EpochSecondsConverter.ToEpochSeconds(T0.ToLocalTime()));
    }

    [Fact]
    public async Task ListPipelines_reads_summaries_token_and_request_id()
    {
        var r = await Receive("""
            {"pipelines":[
              {"name":"web-api","version":4,"pipelineType":"V2","executionMode":"QUEUED","created":1700000000.123,"updated":1700000100},
              {"name":"infra-parallel","version":1,"executionMode":"PARALLEL","someFutureMember":{"x":[1,2]}}],
             "nextToken":"page-2"}
            """, c => c.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Equal("page-2", r.NextToken);
        Assert.Equal("req-1234", r.ResponseMetadata.RequestId);
        Assert.Equal(HttpStatusCode.OK, r.HttpStatusCode);
        Assert.Collection(r.Pipelines,
            p =>
            {
                Assert.Equal("web-api", p.Name);
                Assert.Equal(4, p.Version);
                Assert.Equal("V2", p.PipelineType);
                Assert.Equal("QUEUED", p.ExecutionMode);
                Assert.Equal(T0, p.Created);
                Assert.Equal(new DateTime(2023, 11, 14, 22, 15, 0, DateTimeKind.Utc), p.Updated);
            },
            p =>
            {
                Assert.Equal("infra-parallel", p.Name);
                Assert.Equal("PARALLEL", p.ExecutionMode);
                Assert.Null(p.PipelineType);
                Assert.Null(p.Created);
            });
    }

    [Fact]
    public async Task Empty_list_and_missing_token_mean_last_page()
    {
        var r = await Receive("""{"pipelines":[]}""", c => c.ListPipelinesAsync(new ListPipelinesRequest()));
        Assert.Empty(r.Pipelines);
        Assert.Null(r.NextToken);
    }

    [Fact]
    public async Task GetPipeline_reads_declaration_and_ignores_unknown_members()
    {
        var r = await Receive("""
            {"pipeline":{"name":"web-frontend","roleArn":"arn:aws:iam::123456789012:role/cp","version":7,
               "executionMode":"SUPERSEDED","pipelineType":"V2",
               "artifactStore":{"type":"S3","location":"bucket"},
               "triggers":[{"providerType":"CodeStarSourceConnection","gitConfiguration":{"sourceActionName":"Source"}}],
               "stages":[
                 {"name":"Source","actions":[{"name":"Source","actionTypeId":{"category":"Source","owner":"AWS","provider":"CodeStarSourceConnection","version":"1"},
                    "runOrder":1,"configuration":{"BranchName":"main"},"outputArtifacts":[{"name":"src"}],"namespace":"SourceVariables"}]},
                 {"name":"Approval","onFailure":{"result":"RETRY"},"actions":[{"name":"ManualApproval",
                    "actionTypeId":{"category":"Approval","owner":"AWS","provider":"Manual","version":"1"},
                    "configuration":{"CustomData":"Check the staging site","ExternalEntityLink":"https://staging.example.com",
                                     "NotificationArn":"arn:aws:sns:us-west-2:123456789012:approvals"},
                    "timeoutInMinutes":60,"region":"us-west-2","roleArn":"arn:aws:iam::123456789012:role/approver"}]}]},
             "metadata":{"pipelineArn":"arn:aws:codepipeline:us-west-2:123456789012:web-frontend","created":1700000000.123,"updated":1700000000.5}}
            """, c => c.GetPipelineAsync(new GetPipelineRequest { Name = "web-frontend" }));

        var p = r.Pipeline!;
        Assert.Equal(("web-frontend", "arn:aws:iam::123456789012:role/cp", 7, "SUPERSEDED", "V2"),
            (p.Name, p.RoleArn, p.Version, p.ExecutionMode, p.PipelineType));
        Assert.Equal(new[] { "Source", "Approval" }, p.Stages.Select(s => s.Name));
        var source = p.Stages[0].Actions.Single();
        Assert.Equal(1, source.RunOrder);
        Assert.Equal("SourceVariables", source.Namespace);
        Assert.Equal("main", source.Configuration["BranchName"]);
        var approval = p.Stages[1].Actions.Single();
        Assert.Equal("ManualApproval", approval.Name);
        Assert.Equal(("Approval", "AWS", "Manual", "1"),
            (approval.ActionTypeId!.Category, approval.ActionTypeId.Owner, approval.ActionTypeId.Provider, approval.ActionTypeId.Version));
        Assert.Equal(60, approval.TimeoutInMinutes);
        Assert.Equal("us-west-2", approval.Region);
        Assert.Equal("arn:aws:iam::123456789012:role/approver", approval.RoleArn);
        Assert.Equal("Check the staging site", approval.Configuration["CustomData"]);
        Assert.Equal(3, approval.Configuration.Count);
        Assert.Null(approval.RunOrder);
        Assert.Equal("arn:aws:codepipeline:us-west-2:123456789012:web-frontend", r.Metadata!.PipelineArn);
        Assert.Equal(T0, r.Metadata.Created);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), r.Metadata.Updated);
    }

    [Fact]
    public async Task GetPipelineState_reads_stage_and_action_states()
    {
        var r = await Receive("""
            {"pipelineName":"web-frontend","pipelineVersion":7,"created":1700000000.123,"updated":1700000000.123,
             "stageStates":[
               {"stageName":"Source","latestExecution":{"pipelineExecutionId":"e-9","status":"Succeeded"},
                "inboundTransitionState":{"enabled":true},
                "actionStates":[{"actionName":"Source","currentRevision":{"revisionId":"abc"},"latestExecution":{"status":"Succeeded","percentComplete":100}}]},
               {"stageName":"Approval",
                "inboundExecution":{"pipelineExecutionId":"e-10","status":"InProgress","type":"STANDARD"},
                "inboundExecutions":[{"pipelineExecutionId":"e-10","status":"InProgress"},{"pipelineExecutionId":"e-11","status":"InProgress"}],
                "latestExecution":{"pipelineExecutionId":"e-9","status":"InProgress","type":"STANDARD"},
                "actionStates":[{"actionName":"ManualApproval","entityUrl":"https://console/entity","revisionUrl":"https://console/rev",
                  "latestExecution":{"actionExecutionId":"ae-1","status":"InProgress","summary":"waiting","lastStatusChange":1700000000.123,
                    "token":"0a1b2c3d-token","lastUpdatedBy":"arn:aws:iam::123456789012:user/bob","externalExecutionId":"x-1",
                    "externalExecutionUrl":"https://console/x-1","errorDetails":{"code":"E","message":"m"}}}]}]}
            """, c => c.GetPipelineStateAsync(new GetPipelineStateRequest { Name = "web-frontend" }));

        Assert.Equal(("web-frontend", 7), (r.PipelineName, r.PipelineVersion));
        Assert.Equal(T0, r.Created);
        Assert.Equal(T0, r.Updated);
        Assert.Equal(2, r.StageStates.Count);
        Assert.True(r.StageStates[0].InboundTransitionState!.Enabled);
        Assert.Equal(100, r.StageStates[0].ActionStates[0].LatestExecution!.PercentComplete);

        var stage = r.StageStates[1];
        Assert.Equal("Approval", stage.StageName);
        Assert.Equal(("e-10", "InProgress", "STANDARD"), (stage.InboundExecution!.PipelineExecutionId, stage.InboundExecution.Status, stage.InboundExecution.Type));
        Assert.Equal(new[] { "e-10", "e-11" }, stage.InboundExecutions.Select(e => e.PipelineExecutionId));
        Assert.Equal("e-9", stage.LatestExecution!.PipelineExecutionId);
        var action = stage.ActionStates.Single();
        Assert.Equal(("ManualApproval", "https://console/entity", "https://console/rev"), (action.ActionName, action.EntityUrl, action.RevisionUrl));
        var x = action.LatestExecution!;
        Assert.Equal("ae-1", x.ActionExecutionId);
        Assert.Equal("InProgress", x.Status);
        Assert.Equal("waiting", x.Summary);
        Assert.Equal(T0, x.LastStatusChange);
        Assert.Equal("0a1b2c3d-token", x.Token);
        Assert.Equal("arn:aws:iam::123456789012:user/bob", x.LastUpdatedBy);
        Assert.Equal("x-1", x.ExternalExecutionId);
        Assert.Equal("https://console/x-1", x.ExternalExecutionUrl);
        Assert.Null(x.PercentComplete);
        Assert.Equal("E", x.ErrorDetails!.Code);
    }

    [Fact]
    public async Task GetPipelineExecution_reads_execution_and_revisions()
    {
        var r = await Receive("""
            {"pipelineExecution":{"pipelineName":"web-api","pipelineVersion":4,"pipelineExecutionId":"e-1","status":"InProgress",
              "statusSummary":"waiting for approval","executionMode":"QUEUED","executionType":"STANDARD",
              "trigger":{"triggerType":"Webhook","triggerDetail":"push"},"variables":[{"name":"v","resolvedValue":"1"}],
              "artifactRevisions":[{"name":"src","revisionId":"0123abc","revisionChangeIdentifier":"2023-11-14",
                "revisionSummary":"Fix login","created":1700000000.123,"revisionUrl":"https://git/commit/0123abc"}]}}
            """, c => c.GetPipelineExecutionAsync(new GetPipelineExecutionRequest { PipelineName = "web-api", PipelineExecutionId = "e-1" }));
        var e = r.PipelineExecution!;
        Assert.Equal(("web-api", 4, "e-1", "InProgress", "waiting for approval", "QUEUED", "STANDARD"),
            (e.PipelineName, e.PipelineVersion, e.PipelineExecutionId, e.Status, e.StatusSummary, e.ExecutionMode, e.ExecutionType));
        Assert.Equal("Webhook", e.Trigger!.TriggerType);
        var rev = Assert.Single(e.ArtifactRevisions);
        Assert.Equal(("src", "0123abc", "2023-11-14", "Fix login", "https://git/commit/0123abc"),
            (rev.Name, rev.RevisionId, rev.RevisionChangeIdentifier, rev.RevisionSummary, rev.RevisionUrl));
        Assert.Equal(T0, rev.Created);
    }

    [Fact]
    public async Task Empty_success_body_gives_an_empty_response()
    {
        var r = await Receive("", c => c.PutApprovalResultAsync(new PutApprovalResultRequest()));
        Assert.Null(r.ApprovedAt);
        Assert.Equal("req-1234", r.ResponseMetadata.RequestId);
    }
}
