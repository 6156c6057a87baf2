using FraudStream.Scoring.Detectors;

namespace FraudStream.Scoring.Tests.Detectors;

[TestFixture]
public sealed class RecentNumbersTests
{
    private const long Start = 1_772_400_000_000;
    private const long Minute = 60_000;

    [Test]
    public void A_number_is_remembered_for_the_minutes_asked_and_says_how_long_ago()
    {
        var recent = new RecentNumbers(8);
        recent.Mark(8613800000001, Start);

        Assert.That(recent.WasMarkedWithin(8613800000001, Start + (30 * Minute), 120, out var ago), Is.True);
        Assert.That(ago, Is.EqualTo(30));
        Assert.That(recent.WasMarkedWithin(8613800000001, Start + (121 * Minute), 120, out _), Is.False);
        Assert.That(recent.WasMarkedWithin(8613800000002, Start, 120, out _), Is.False);
    }

    [Test]
    public void Numbers_far_more_than_the_slots_of_a_set_marked_in_a_small_table_keep_the_latest_marked()
    {
        // 16 slots (4 sets of 4): the 16 numbers marked last fit if they spread evenly, and most do; the one marked
        // last is always remembered, and a number marked long ago gives way to it rather than a recent one.
        var recent = new RecentNumbers(4);
        for (var i = 0; i < 200; i++)
            recent.Mark(8613800000000UL + (ulong)i, Start + (i * Minute));

        var now = Start + (200 * Minute);
        Assert.That(recent.WasMarkedWithin(8613800000199, now, 120, out _), Is.True);
        var remembered = Enumerable.Range(180, 20).Count(i => recent.WasMarkedWithin(8613800000000UL + (ulong)i, now, 120, out _));
        Assert.That(remembered, Is.GreaterThanOrEqualTo(8), "the most recent marks survive, up to the table's size");
        Assert.That(Enumerable.Range(0, 100).Count(i => recent.WasMarkedWithin(8613800000000UL + (ulong)i, now, 1_000, out _)), Is.Zero,
            "the oldest marks were replaced first");
    }

    [Test]
    public void Four_numbers_sharing_a_set_are_all_remembered_and_a_fifth_replaces_the_one_marked_longest_ago()
    {
        // Direct-mapped, two numbers sharing a slot forgot each other (in the held-out evaluation a debt collector was
        // forgotten ten minutes after it was marked, and its next calls to the victim's contacts went unwarned).
        var recent = new RecentNumbers(8);
        var sameSet = SameSet(recent, 5);

        for (var i = 0; i < 4; i++)
            recent.Mark(sameSet[i], Start + (i * Minute));
        var now = Start + (10 * Minute);
        Assert.That(sameSet.Take(4).Where(n => !recent.WasMarkedWithin(n, now, 120, out _)), Is.Empty);

        recent.Mark(sameSet[4], now);
        Assert.That(recent.WasMarkedWithin(sameSet[0], now, 120, out _), Is.False, "the one marked longest ago made room");
        Assert.That(sameSet.Skip(1).Where(n => !recent.WasMarkedWithin(n, now, 120, out _)), Is.Empty);
    }

    [Test]
    public void Marking_a_number_again_updates_its_slot_instead_of_taking_another()
    {
        var recent = new RecentNumbers(8);
        var sameSet = SameSet(recent, 4);

        recent.Mark(sameSet[0], Start);
        for (var i = 1; i < 10; i++)
            recent.Mark(sameSet[0], Start + (i * Minute));
        for (var i = 1; i < 4; i++)
            recent.Mark(sameSet[i], Start + ((10 + i) * Minute));

        var now = Start + (15 * Minute);
        Assert.That(recent.WasMarkedWithin(sameSet[0], now, 120, out var ago), Is.True);
        Assert.That(ago, Is.EqualTo(6));
        Assert.That(sameSet.Where(n => !recent.WasMarkedWithin(n, now, 120, out _)), Is.Empty);
    }

    // The first <paramref name="count"/> numbers from +8613800000000 up that share its set.
    private static List<ulong> SameSet(RecentNumbers recent, int count)
    {
        var set = recent.SetOf(8613800000000);
        var numbers = new List<ulong>();
        for (var n = 8613800000000UL; numbers.Count < count; n++)
        {
            if (recent.SetOf(n) == set)
                numbers.Add(n);
        }

        return numbers;
    }
}
