namespace ApprovalTools.Emulator.State;

/// <summary>A call being handled; filled in as it completes, copied out as a <see cref="CallRecord"/>.</summary>
internal sealed class CallEntry
{
    public required long Sequence { get; init; }
    public required DateTimeOffset Time { get; init; }
    public string? Operation { get; init; }
    public string? PipelineName { get; init; }
    public string? StageName { get; init; }
    public string? ActionName { get; init; }
    public string? Token { get; init; }
    public string? Status { get; init; }
    public string? AccessKeyId { get; init; }
    public int? HttpStatus { get; set; }
    public string? ErrorCode { get; set; }
    public string? Fault { get; set; }
    public string? Region { get; init; }

    public CallRecord ToRecord() =>
        new(Sequence, Time, Operation, PipelineName, StageName, ActionName, Token, Status, AccessKeyId, HttpStatus,
            ErrorCode, Fault)
        {
            Region = Region,
        };
}

/// <summary>Every AWS-path request in arrival order.</summary>
internal sealed class CallLog
{
    private readonly Lock _gate = new();
    private readonly List<CallEntry> _entries = [];
    private long _sequence;

    public CallEntry Begin(DateTimeOffset time, string? operation, RequestFields fields, string? accessKeyId,
        string? region = null)
    {
        lock (_gate)
        {
            var entry = new CallEntry
            {
                Sequence = ++_sequence,
                Time = time,
                Operation = operation,
                PipelineName = fields.PipelineName,
                StageName = fields.StageName,
                ActionName = fields.ActionName,
                Token = fields.Token,
                Status = fields.Status,
                AccessKeyId = accessKeyId,
                Region = region,
            };
            _entries.Add(entry);
            return entry;
        }
    }

    public void Complete(CallEntry entry, int? httpStatus, string? errorCode, string? fault)
    {
        lock (_gate)
        {
            entry.HttpStatus = httpStatus;
            entry.ErrorCode = errorCode;
            if (fault is not null) entry.Fault = fault;
        }
    }

    public void MarkFault(CallEntry entry, string fault)
    {
        lock (_gate) entry.Fault = fault;
    }

    public IReadOnlyList<CallRecord> Snapshot()
    {
        lock (_gate) return _entries.Select(e => e.ToRecord()).ToList();
    }

    // The sequence keeps counting so records from before a clear are never confused with new ones.
    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}

/// <summary>The request members the call log records, read best-effort from the body.</summary>
internal sealed record RequestFields(string? PipelineName, string? StageName, string? ActionName, string? Token,
    string? Status)
{
    public static readonly RequestFields Empty = new(null, null, null, null, null);
}
