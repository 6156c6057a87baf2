using FraudStream.Scoring.Detectors;

namespace FraudStream.Scoring.Tests.Detectors;

[TestFixture]
public sealed class PursuitMemoryTests
{
    private const long Start = 1_772_400_000_000;
    private const long Minute = 60_000;
    private const ulong Stalker = 8613800000011;
    private const ulong Target = 8613800000012;
    private const int Day = 24 * 60;

    [Test]
    public void Unwanted_events_after_the_start_are_counted_and_none_without_a_start()
    {
        var memory = new PursuitMemory(8);
        Assert.That(memory.Continue(Stalker, Target, Start, unwanted: true, Day), Is.Zero, "nothing before the first contact was unwanted");

        memory.Start(Stalker, Target, Start);

        Assert.That(memory.Continue(Stalker, Target, Start + (3 * Minute), unwanted: true, Day), Is.EqualTo(2));
        Assert.That(memory.Continue(Stalker, Target, Start + (300 * Minute), unwanted: true, Day), Is.EqualTo(3));
        Assert.That(memory.Continue(Target, Stalker, Start + (301 * Minute), unwanted: true, Day), Is.Zero, "a pair has a direction");
    }

    [Test]
    public void A_conversation_ends_the_pursuit_for_good()
    {
        var memory = new PursuitMemory(8);
        memory.Start(Stalker, Target, Start);
        memory.Continue(Stalker, Target, Start + Minute, unwanted: true, Day);

        Assert.That(memory.Continue(Stalker, Target, Start + (2 * Minute), unwanted: false, Day), Is.Zero);
        Assert.That(memory.Continue(Stalker, Target, Start + (3 * Minute), unwanted: true, Day), Is.Zero);
    }

    [Test]
    public void An_event_a_lapse_or_more_after_the_one_before_counts_from_one_again()
    {
        var memory = new PursuitMemory(8);
        memory.Start(Stalker, Target, Start);
        memory.Continue(Stalker, Target, Start + (10 * Minute), unwanted: true, Day);
        memory.Continue(Stalker, Target, Start + ((10 + Day - 1) * Minute), unwanted: true, Day);

        Assert.That(memory.Continue(Stalker, Target, Start + ((10 + Day - 1 + Day) * Minute), unwanted: true, Day), Is.EqualTo(1));
        Assert.That(memory.Continue(Stalker, Target, Start + ((11 + Day - 1 + Day) * Minute), unwanted: true, Day), Is.EqualTo(2));
    }

    [Test]
    public void An_event_earlier_than_the_last_counts_and_does_not_move_the_clock_back()
    {
        var memory = new PursuitMemory(8);
        memory.Start(Stalker, Target, Start + (100 * Minute));

        Assert.That(memory.Continue(Stalker, Target, Start + (90 * Minute), unwanted: true, 30), Is.EqualTo(2), "out of order by ten minutes");
        Assert.That(memory.Continue(Stalker, Target, Start + (125 * Minute), unwanted: true, 30), Is.EqualTo(3), "25 minutes after the latest, not 35");
    }

    [Test]
    public void A_new_pursuit_in_a_full_set_takes_the_slot_touched_longest_ago()
    {
        var memory = new PursuitMemory(4);
        var set = memory.SetOf(Stalker, Target);
        var others = Enumerable.Range(1, 100_000).Select(i => 8613900000000UL + (ulong)i).Where(n => memory.SetOf(n, Target) == set).Take(4).ToArray();
        memory.Start(Stalker, Target, Start);
        for (var i = 0; i < 3; i++)
            memory.Start(others[i], Target, Start + ((i + 1) * Minute));
        memory.Continue(Stalker, Target, Start + (10 * Minute), unwanted: true, Day);

        memory.Start(others[3], Target, Start + (11 * Minute));

        Assert.That(memory.Continue(Stalker, Target, Start + (12 * Minute), unwanted: true, Day), Is.EqualTo(3), "touched lately: kept");
        Assert.That(memory.Continue(others[0], Target, Start + (12 * Minute), unwanted: true, Day), Is.Zero, "touched longest ago: pushed out");
        Assert.That(memory.Continue(others[3], Target, Start + (12 * Minute), unwanted: true, Day), Is.EqualTo(2));
    }

    [Test]
    public void Prefetching_allocates_nothing_and_changes_nothing()
    {
        var memory = new PursuitMemory(10);

        memory.Prefetch(Stalker, Target);
        Assert.That(memory.Bytes, Is.Zero, "the scorer prefetches every event: no table before the first pursuit");

        memory.Start(Stalker, Target, Start);
        memory.Prefetch(Stalker, Target);
        Assert.That(memory.Peek(Stalker, Target), Is.EqualTo(1));
    }
}
