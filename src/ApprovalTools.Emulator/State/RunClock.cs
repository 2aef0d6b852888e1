namespace ApprovalTools.Emulator.State;

/// <summary>
/// Time as the engine sees it while running an execution. Seeds replay history in the past, a step per action,
/// never beyond <c>limit</c> (now); live runs use a zero step so everything happens "now".
/// </summary>
internal sealed class RunClock(DateTimeOffset start, DateTimeOffset limit, TimeSpan step)
{
    public DateTimeOffset Now { get; private set; } = start < limit ? start : limit;

    public static RunClock At(DateTimeOffset now) => new(now, now, TimeSpan.Zero);

    public void Tick() => MoveTo(Now + step);

    public void MoveTo(DateTimeOffset time)
    {
        if (time > Now) Now = time < limit ? time : limit;
    }
}
