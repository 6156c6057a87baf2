using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Tests.Features;

[TestFixture]
public sealed class NumberStateTableTests
{
    [Test]
    public void Every_live_number_stays_findable_through_growth_and_evictions()
    {
        var table = new NumberStateTable(TimeSpan.FromHours(3));
        var random = new Random(5);
        var live = new Dictionary<ulong, uint>();
        uint now = 1_000_000;

        for (var round = 0; round < 40; round++)
        {
            now += 1800; // half an hour per round: numbers untouched for 3 h get evicted as the sweep passes
            for (var i = 0; i < 2000; i++)
            {
                var number = 8613800000000UL + (ulong)random.Next(30_000);
                ref var state = ref table.GetOrAdd(number, now);
                state.Sms1h = Marker(number);
                state.LastSecond = now;
                live[number] = now;
            }
        }

        // Whatever the sweep removed was idle; whatever it kept must be found at its own slot, unchanged.
        var found = 0;
        foreach (var (number, last) in live)
        {
            if (now - last > 3 * 3600)
                continue;
            ref var state = ref table.GetOrAdd(number, now);
            Assert.That(state.Number, Is.EqualTo(number));
            Assert.That(state.LastSecond, Is.EqualTo(last), $"state of {number} was lost or moved onto another number");
            Assert.That(state.Sms1h, Is.EqualTo(Marker(number)), "a fresh state was created instead of finding the kept one");
            found++;
        }

        Assert.That(found, Is.GreaterThan(5000));
        Assert.That(table.Count, Is.LessThan(live.Count), "idle numbers were evicted");
    }

    private static float Marker(ulong number) => (number % 100_000) + 1;
}
