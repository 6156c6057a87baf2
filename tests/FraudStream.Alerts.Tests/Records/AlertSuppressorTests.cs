using FraudStream.Alerts.Suppression;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Tests.Records;

public sealed class AlertSuppressorTests
{
    private const long Minute = 60_000;

    [Test]
    public void One_alert_per_number_and_kind_per_window_and_the_next_carries_the_suppressed_count()
    {
        var suppressor = new AlertSuppressor(TimeSpan.FromMinutes(10));

        Assert.That(suppressor.TryPass(1, FraudKind.Wangiri, 0, out var first), Is.True);
        Assert.That(first, Is.Zero);
        Assert.That(suppressor.TryPass(1, FraudKind.Wangiri, 3 * Minute, out _), Is.False);
        Assert.That(suppressor.TryPass(1, FraudKind.Wangiri, 9 * Minute, out _), Is.False);
        Assert.That(suppressor.TryPass(1, FraudKind.Robocall, 9 * Minute, out _), Is.True, "another kind is another alert");
        Assert.That(suppressor.TryPass(2, FraudKind.Wangiri, 9 * Minute, out _), Is.True, "another number is another alert");
        Assert.That(suppressor.TryPass(1, FraudKind.Wangiri, 10 * Minute, out var next), Is.True);
        Assert.That(next, Is.EqualTo(2));
        Assert.That(suppressor.TryPass(1, FraudKind.Wangiri, 11 * Minute, out _), Is.False);
    }

    [Test]
    public void A_late_event_inside_the_window_is_suppressed_and_a_zero_window_suppresses_nothing()
    {
        var suppressor = new AlertSuppressor(TimeSpan.FromMinutes(10));
        suppressor.TryPass(1, FraudKind.Simbox, 60 * Minute, out _);
        Assert.That(suppressor.TryPass(1, FraudKind.Simbox, 55 * Minute, out _), Is.False);

        var none = new AlertSuppressor(TimeSpan.Zero);
        Assert.That(none.TryPass(1, FraudKind.Simbox, 0, out _) && none.TryPass(1, FraudKind.Simbox, 0, out _), Is.True);
    }

    [Test]
    public void Entries_whose_window_passed_with_nothing_suppressed_are_swept()
    {
        var suppressor = new AlertSuppressor(TimeSpan.FromMinutes(10));
        for (ulong n = 0; n < 1000; n++)
            suppressor.TryPass(n, FraudKind.Wangiri, 0, out _);
        Assert.That(suppressor.Count, Is.EqualTo(1000));

        suppressor.TryPass(5000, FraudKind.Wangiri, 30 * Minute, out _);

        Assert.That(suppressor.Count, Is.EqualTo(1));
    }
}
