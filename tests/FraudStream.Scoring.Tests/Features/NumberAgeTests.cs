using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Tests.Features;

[TestFixture]
public sealed class NumberAgeTests
{
    private const uint Day = 86_400;

    [Test]
    public void A_number_is_known_for_the_hours_since_it_was_first_seen_not_since_it_was_last_seen()
    {
        var ages = new NumberAge(10);
        ages.Saw(8613800000001, 10 * Day);
        ages.Saw(8613800000001, 11 * Day);

        Assert.That(ages.KnownFor(8613800000001, 11 * Day, 24), Is.True);
        Assert.That(ages.KnownFor(8613800000001, (10 * Day) + (23 * 3600), 24), Is.False);
        Assert.That(ages.KnownFor(8613800000002, 11 * Day, 24), Is.False, "never seen: new");
        Assert.That(ages.KnownFor(8613800000002, 11 * Day, 0), Is.False, "never seen is not known, even for 0 hours");
    }

    [Test]
    public void A_full_table_gives_newcomers_one_slot_per_bucket_and_keeps_the_established_numbers()
    {
        // 1,024 slots; 4,000 numbers seen on day 10, then 20,000 more on day 11 fighting for the same slots.
        var ages = new NumberAge(10);
        for (ulong n = 0; n < 4_000; n++)
            ages.Saw(8613900000000 + n, 10 * Day);
        var keptBefore = Count(ages);
        for (ulong n = 0; n < 20_000; n++)
            ages.Saw(8615900000000 + n, 11 * Day);

        // Each bucket of four gives up one day-10 entry to the first newcomer; later newcomers replace that newcomer.
        Assert.That(keptBefore, Is.GreaterThan(900), "the day-10 numbers fill the table");
        Assert.That(Count(ages), Is.GreaterThanOrEqualTo(keptBefore - (1024 / 4)), "newcomers churn through one slot per bucket");

        static int Count(NumberAge ages)
        {
            var known = 0;
            for (ulong n = 0; n < 4_000; n++)
                known += ages.KnownFor(8613900000000 + n, 12 * Day, 24) ? 1 : 0;
            return known;
        }
    }
}
