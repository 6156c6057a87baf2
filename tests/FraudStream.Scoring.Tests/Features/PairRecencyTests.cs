using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Tests.Features;

[TestFixture]
public sealed class PairRecencyTests
{
    [Test]
    public void Contains_sees_a_touched_pair_in_its_direction_only_and_records_nothing()
    {
        var pairs = new PairRecency(12);
        pairs.Touch(8613800000001, 447700900123, 1000, out _, out _, out _);

        Assert.That(pairs.Contains(8613800000001, 447700900123), Is.True);
        Assert.That(pairs.Contains(447700900123, 8613800000001), Is.False, "the reverse direction is another pair");
        Assert.That(pairs.Contains(8613800000002, 447700900123), Is.False);

        pairs.Touch(8613800000002, 447700900123, 1000, out var first, out _, out _);
        Assert.That(first, Is.True, "Contains did not record the pair it asked about");
    }

    /// <remarks>
    /// 160 pairs in 1,024 slots: in a direct-mapped table each rare pair would share its slot with a busy one
    /// about one time in seven, and lose it at the busy pair's next call. In buckets of four it keeps its slot.
    /// </remarks>
    [Test]
    public void A_pair_seen_once_survives_busier_pairs_that_land_in_its_bucket()
    {
        var pairs = new PairRecency(10);
        var rare = Enumerable.Range(0, 10).Select(i => (Subscriber: 8613800000000UL + (ulong)i, Relative: 447700900000UL + (ulong)i)).ToArray();
        foreach (var (subscriber, relative) in rare)
            pairs.Touch(subscriber, relative, 60, out _, out _, out _);

        for (var day = 1u; day <= 7; day++)
        {
            for (var busy = 0UL; busy < 150; busy++)
                pairs.Touch(8615000000000 + busy, 8616000000000 + busy, day * 86_400, out _, out _, out _);
        }

        Assert.That(rare.Where(p => !pairs.Contains(p.Subscriber, p.Relative)), Is.Empty, "rare pairs pushed out");
        pairs.Touch(rare[0].Subscriber, rare[0].Relative, 8 * 86_400, out var first, out var newThisHour, out var events);
        Assert.That((first, newThisHour, events), Is.EqualTo((false, true, 1f)), "known from a week ago, not within the hour");
    }
}
