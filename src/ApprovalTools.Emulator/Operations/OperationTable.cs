using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApprovalTools.Emulator.Operations;

internal delegate JsonObject OperationHandler(JsonElement input, OperationContext context);

/// <summary>The operations the emulator gives real semantics; other model operations answer
/// UnknownOperationException.</summary>
internal static class OperationTable
{
    public const string PutApprovalResult = "PutApprovalResult";

    private static readonly Dictionary<string, OperationHandler> Handlers = new(StringComparer.Ordinal)
    {
        ["ListPipelines"] = ListPipelinesOperation.Handle,
        ["GetPipeline"] = GetPipelineOperation.Handle,
        ["GetPipelineState"] = GetPipelineStateOperation.Handle,
        ["GetPipelineExecution"] = GetPipelineExecutionOperation.Handle,
        ["ListActionExecutions"] = ListActionExecutionsOperation.Handle,
        [PutApprovalResult] = PutApprovalResultOperation.Handle,
        ["StopPipelineExecution"] = StopRetryOperations.Stop,
        ["RetryStageExecution"] = StopRetryOperations.Retry,
        ["UpdatePipeline"] = PipelineVersionOperations.Update,
        ["ListPipelineExecutions"] = PipelineVersionOperations.ListExecutions,
    };

    public static IEnumerable<string> Names => Handlers.Keys;

    public static OperationHandler? Find(string operation) => Handlers.GetValueOrDefault(operation);
}
