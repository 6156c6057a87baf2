using FraudStream.Host.Web;

namespace FraudStream.Host.Tests.Web;

[TestFixture]
public sealed class RateHistoryTests
{
    [Test]
    public void Keeps_a_day_the_last_hour_at_two_seconds_the_rest_at_a_minute_and_answers_at_most_360_points()
    {
        var time = new StoppedClock(DateTimeOffset.Parse("2026-12-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var rates = new RateHistory(time);
        for (var i = 0; i < 26 * 1800; i++)
        {
            time.Advance(RateHistory.Interval);
            rates.Sample();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var day = rates.Samples(TimeSpan.FromHours(24));
        Assert.That(day, Has.Count.LessThanOrEqualTo(RateHistory.MaxPoints));
        Assert.That(day[^1].TimeMs, Is.EqualTo(now), "the latest sample is always there");
        Assert.That(now - day[0].TimeMs, Is.InRange(TimeSpan.FromHours(23.9).TotalMilliseconds, TimeSpan.FromHours(24.1).TotalMilliseconds), "back to a day, not the 26 hours played");

        var fiveMinutes = rates.Samples(TimeSpan.FromMinutes(5));
        Assert.That(fiveMinutes, Has.Count.EqualTo(151), "every 2 s sample of the window and the one before it");
        Assert.That(fiveMinutes[1].TimeMs - fiveMinutes[0].TimeMs, Is.EqualTo(2_000));

        var sixHours = rates.Samples(TimeSpan.FromHours(6));
        Assert.That(now - sixHours[0].TimeMs, Is.GreaterThanOrEqualTo(TimeSpan.FromHours(6).TotalMilliseconds));
        Assert.That(sixHours[1].TimeMs - sixHours[0].TimeMs, Is.GreaterThanOrEqualTo(60_000), "older than an hour: a minute apart");
    }

    // A clock the test moves, whose timers never fire: every sample is the test's own.
    private sealed class StoppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Inert();

        private sealed class Inert : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
