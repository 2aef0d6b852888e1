using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>
/// ListActionExecutions: every action run of the pipeline, newest first, optionally of one execution. For a manual
/// approval in PARALLEL mode, output.executionResult.externalExecutionId is the value PutApprovalResult takes,
/// as the service documents.
/// </summary>
internal static class ListActionExecutionsOperation
{
    public const int DefaultMaxResults = 100;

    public static JsonObject Handle(JsonElement input, OperationContext context)
    {
        var name = input.Required("pipelineName");
        if (!context.State.Pipelines.TryGetValue(name, out var pipeline)) throw AwsErrors.PipelineNotFound(name);
        var max = (int)(input.Integer("maxResults") ?? DefaultMaxResults);
        var offset = 0;
        if (input.Text("nextToken") is { } token)
        {
            if (!PageToken.TryRead(token, out var text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                throw AwsErrors.InvalidNextToken();
        }

        string? executionId = null;
        if (input.TryGetProperty("filter", out var filter) && filter.ValueKind == JsonValueKind.Object)
        {
            executionId = filter.Text("pipelineExecutionId")
                ?? (filter.TryGetProperty("latestInPipelineExecution", out var latest) ? latest.Text("pipelineExecutionId") : null);
            if (executionId is not null && !pipeline.ExecutionsById.ContainsKey(executionId))
                throw AwsErrors.PipelineExecutionNotFound(name, executionId);
        }

        var runs = (from execution in pipeline.Executions
                    where executionId is null || execution.Id == executionId
                    from stage in execution.Stages
                    from action in stage.Value.Actions
                    orderby action.Value.LastStatusChange descending, action.Value.ActionExecutionId
                    select (execution, stageName: stage.Key, actionName: action.Key, run: action.Value)).ToList();

        var page = runs.Skip(offset).Take(max).ToList();
        var result = new JsonObject
        {
            ["actionExecutionDetails"] = new JsonArray(page.Select(r => (JsonNode)Detail(pipeline, r.execution, r.stageName, r.actionName, r.run)).ToArray()),
        };
        if (offset + page.Count < runs.Count)
            result["nextToken"] = PageToken.Create((offset + page.Count).ToString(CultureInfo.InvariantCulture));
        return result;
    }

    private static JsonObject Detail(PipelineRecord pipeline, ExecutionRecord execution, string stageName, string actionName, ActionRun run)
    {
        var action = pipeline.FindStage(stageName)?.FindAction(actionName);
        var detail = new JsonObject
        {
            ["pipelineExecutionId"] = execution.Id,
            ["actionExecutionId"] = run.ActionExecutionId,
            ["pipelineVersion"] = pipeline.Version,
            ["stageName"] = stageName,
            ["actionName"] = actionName,
            ["startTime"] = EpochTime.Node(run.LastStatusChange),
            ["lastUpdateTime"] = EpochTime.Node(run.LastStatusChange),
        };
        if (run.LastUpdatedBy is not null) detail["updatedBy"] = run.LastUpdatedBy;
        detail["status"] = run.Status;
        if (action is not null)
            detail["input"] = new JsonObject
            {
                ["actionTypeId"] = new JsonObject
                {
                    ["category"] = action.Category,
                    ["owner"] = action.Owner,
                    ["provider"] = action.Provider,
                    ["version"] = "1",
                },
                ["configuration"] = new JsonObject(action.Configuration.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            };
        var external = action?.IsManualApproval == true && pipeline.IsParallel ? run.Token : run.ExternalExecutionId;
        var executionResult = new JsonObject();
        if (external is not null) executionResult["externalExecutionId"] = external;
        if (run.Summary is not null) executionResult["externalExecutionSummary"] = run.Summary;
        detail["output"] = new JsonObject { ["executionResult"] = executionResult };
        return detail;
    }
}
