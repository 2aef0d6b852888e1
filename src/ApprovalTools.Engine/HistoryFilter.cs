using System;
using System.Linq;
using System.Management.Automation;
using ApprovalTools.Commands;

namespace ApprovalTools.Engine;

/// <summary>Which decisions Get-ApprovalHistory reports: its place, window, outcome and who answered.</summary>
internal sealed class HistoryFilter
{
    private readonly WildcardPattern? _stage;
    private readonly WildcardPattern? _action;
    private readonly string[]? _status;
    private readonly WildcardPattern[]? _by;

    public HistoryFilter(GetApprovalHistoryRequest request)
    {
        _stage = Pattern(request.StageName);
        _action = Pattern(request.ActionName);
        _status = request.Status;
        _by = request.AnsweredBy?.Select(p => Pattern(p)!).ToArray();
        // The whole history of one execution, unless a window is given; else the last seven days by default.
        Since = Utc(request.Since) ?? (request.PipelineExecutionId is null ? DateTime.UtcNow.AddDays(-7) : null);
        Until = Utc(request.Until);
    }

    /// <summary>The earliest decision time reported (UTC), if any.</summary>
    public DateTime? Since { get; }

    /// <summary>The latest decision time reported (UTC), if any.</summary>
    public DateTime? Until { get; }

    public bool Place(string? stage, string? action) =>
        (_stage?.IsMatch(stage ?? "") ?? true) && (_action?.IsMatch(action ?? "") ?? true);

    public bool When(DateTime? decided) =>
        decided is not { } at
            ? Since is null && Until is null
            : (Since is null || at >= Since) && (Until is null || at <= Until);

    public bool Outcome(string status) =>
        _status is null || _status.Any(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));

    /// <summary>-AnsweredBy matches the ARN or its short name; a decision nobody made matches none.</summary>
    public bool Who(string? arn) =>
        _by is null
        || (arn is not null && _by.Any(p => p.IsMatch(arn) || p.IsMatch(ApprovalRecord.ShortName(arn) ?? "")));

    // A time without a zone is local, as PowerShell's Get-Date gives it.
    private static DateTime? Utc(DateTime? time) => time?.Kind == DateTimeKind.Utc ? time : time?.ToUniversalTime();

    private static WildcardPattern? Pattern(string? text) =>
        text is null ? null : new WildcardPattern(text, WildcardOptions.IgnoreCase);
}
