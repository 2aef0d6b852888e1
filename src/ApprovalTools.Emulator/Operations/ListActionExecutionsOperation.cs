using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.State;

namespace ApprovalTools.Emulator.Operations;

/// <summary>
/// ListActionExecutions: every action run of the pipeline (also those a stage retry replaced), newest start first,
/// optionally of one execution (latestInPipelineExecution: only each action's latest run in it). For a manual
/// approval, output.executionResult.externalExecutionId is the token, the value PutApprovalResult takes.
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
            if (!PageToken.TryRead(token, out var text) || !int.TryParse(text, NumberStyles.None,
                CultureInfo.InvariantCulture, out offset))
                throw AwsErrors.InvalidNextToken();
        }

        string? executionId = null;
        var latestOnly = false;
        if (input.TryGetProperty("filter", out var filter) && filter.ValueKind == JsonValueKind.Object)
        {
            var latestId = filter.TryGetProperty("latestInPipelineExecution", out var latest)
                ? latest.Text("pipelineExecutionId") : null;
            latestOnly = latestId is not null && latest.Text("startTimeRange") == "Latest";
            executionId = filter.Text("pipelineExecutionId") ?? latestId;
            if (executionId is not null && !pipeline.ExecutionsById.ContainsKey(executionId))
                throw AwsErrors.PipelineExecutionNotFound(name, executionId);
        }

        var runs = (from execution in pipeline.Executions
                    where executionId is null || execution.Id == executionId
                    from stage in execution.Stages
                    from action in stage.Value.Actions.Select(a => (a.Key, a.Value))
                        .Concat(latestOnly ? [] : stage.Value.Earlier)
                    orderby action.Item2.Started descending, action.Item2.ActionExecutionId
                    select (execution, stageName: stage.Key, actionName: action.Item1, run: action.Item2)).ToList();

        var page = runs.Skip(offset).Take(max).ToList();
        var result = new JsonObject
        {
            ["actionExecutionDetails"] = new JsonArray(page.Select(r => (JsonNode)Detail(r.execution, r.stageName,
                r.actionName, r.run)).ToArray()),
        };
        if (offset + page.Count < runs.Count)
            result["nextToken"] = PageToken.Create((offset + page.Count).ToString(CultureInfo.InvariantCulture));
        return result;
    }

    private static JsonObject Detail(ExecutionRecord execution, string stageName, string actionName, ActionRun run)
    {
        var action = execution.Definition.FirstOrDefault(s => s.Name == stageName)?.FindAction(actionName);
        var detail = new JsonObject
        {
            ["pipelineExecutionId"] = execution.Id,
            ["actionExecutionId"] = run.ActionExecutionId,
            ["pipelineVersion"] = execution.PipelineVersion,
            ["stageName"] = stageName,
            ["actionName"] = actionName,
            ["startTime"] = EpochTime.Node(run.Started),
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
                ["configuration"] = new JsonObject(action.Configuration.Select(kv => KeyValuePair.Create(kv.Key,
                    (JsonNode?)kv.Value))),
            };
        var external = action?.IsManualApproval == true ? run.Token : run.ExternalExecutionId;
        var executionResult = new JsonObject();
        if (external is not null) executionResult["externalExecutionId"] = external;
        if (run.Summary is not null) executionResult["externalExecutionSummary"] = run.Summary;
        detail["output"] = new JsonObject { ["executionResult"] = executionResult };
        return detail;
    }
}
