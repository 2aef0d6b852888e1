using ApprovalTools.Client;
using Xunit;

namespace ApprovalTools.Tests.Client;

/// <summary>The session pacer on a simulated clock against a token-bucket limit like the service's.</summary>
public class PacerTests
{
    // Sends as fast as the pacer lets 16 callers go against a limit of `limit` requests/s (burst of one second's
    // worth), for `seconds`, changing the limit at `liftAt`; returns the replies per second in each second.
    private static List<int> Simulate(double limit, double seconds, double liftAt = double.MaxValue, double lifted = 1000)
    {
        var now = 0.0;
        var pacer = new ThrottlePacer(() => now) { Ceiling = TimeSpan.FromHours(1) };
        var bucket = limit;
        var perSecond = new List<int>();
        const double step = 0.001;
        var last = 0.0;
        for (; now < seconds; now += step)
        {
            var rate = now >= liftAt ? lifted : limit;
            bucket = Math.Min(Math.Max(1, rate), bucket + (now - last) * rate);
            last = now;
            // A request may go when it is its turn (one per step at most, a 1 ms round trip).
            var (due, sentAt) = Turn(pacer, now);
            if (!due) continue;
            while (perSecond.Count <= (int)now) perSecond.Add(0);
            if (bucket >= 1) { bucket--; pacer.OnReply(sentAt); perSecond[(int)now]++; }
            else Assert.True(pacer.OnThrottle(sentAt));
        }
        return perSecond;
    }

    private static (bool, double) Turn(ThrottlePacer pacer, double now) =>
        pacer.TryTake(out var sentAt, out _) ? (true, sentAt) : (false, now);

    [Fact]
    public void Unpaced_until_throttled()
    {
        var now = 0.0;
        var pacer = new ThrottlePacer(() => now);
        Assert.Equal(double.PositiveInfinity, pacer.Rate);
        pacer.OnReply(0);
        Assert.Equal(double.PositiveInfinity, pacer.Rate);
        now = 0.5;
        Assert.True(pacer.OnThrottle(0.5));
        Assert.InRange(pacer.Rate, ThrottlePacer.MinRate, 2); // 90% of one reply in the quarter second before
    }

    [Fact]
    public void One_drop_per_change_not_per_throttled_attempt()
    {
        var now = 10.0;
        var pacer = new ThrottlePacer(() => now);
        for (var i = 0; i < 40; i++) pacer.OnReply(now);
        Assert.True(pacer.OnThrottle(now));
        var rate = pacer.Rate;
        // Sixteen more attempts sent before that change come back throttled: the rate stays.
        for (var i = 0; i < 16; i++) Assert.True(pacer.OnThrottle(now - 0.01));
        Assert.Equal(rate, pacer.Rate);
    }

    [Fact]
    public void Gives_up_only_past_the_ceiling_without_a_reply()
    {
        var now = 0.0;
        var pacer = new ThrottlePacer(() => now) { Ceiling = TimeSpan.FromMinutes(5) };
        Assert.True(pacer.OnThrottle(now));
        now = 200;
        pacer.OnReply(now); // one reply restarts the clock
        now = 201;
        Assert.True(pacer.OnThrottle(now));
        now = 490;
        Assert.True(pacer.OnThrottle(now));
        now = 501;
        Assert.False(pacer.OnThrottle(now));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(20)]
    public void Keeps_near_the_limit(double limit)
    {
        var perSecond = Simulate(limit, 40);
        // After the first seconds, the replies come at 85% of the limit or better.
        var steady = perSecond.Skip(5).Take(30).Average();
        Assert.InRange(steady, 0.85 * limit, 1.1 * limit);
    }

    [Fact]
    public void Back_to_full_speed_within_seconds_once_the_limit_is_lifted()
    {
        var perSecond = Simulate(5, 20, liftAt: 10);
        // Round trips of a millisecond allow up to 1,000/s: paced at 5/s until 10 s, unpaced some seconds later.
        Assert.InRange(perSecond[8], 3, 6);
        Assert.True(perSecond[17] > 500, $"replies per second after the lift: {string.Join(", ", perSecond.Skip(10))}");
    }
}
