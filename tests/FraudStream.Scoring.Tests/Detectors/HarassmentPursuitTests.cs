using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Detectors;

/// <summary>
/// Harassment kept up for hours (issue 20): a harasser at half its push rings a stranger a few times in a burst, then
/// again hours later, and never reaches five calls in one hour. The held-out world's harassers do exactly this.
/// </summary>
[TestFixture]
public sealed class HarassmentPursuitTests
{
    private static readonly PhoneNumber Stalker = Home(11);
    private static readonly PhoneNumber Target = Home(12);

    [Test]
    public void Stranger_rung_in_bursts_across_the_day_is_named_at_the_second_burst()
    {
        var scorer = new Scorer().RemembersSince(Noon.AddDays(-2));

        var morning = Bursts(scorer, Noon.AddHours(-3), 3);
        Assert.That(morning.Any(d => d.Has(FraudKind.Harassment)), Is.False, "three calls in an hour are no pursuit yet");
        var afternoon = Bursts(scorer, Noon, 3);

        Assert.That(afternoon[0].Has(FraudKind.Harassment) || afternoon[1].Has(FraudKind.Harassment), Is.False, "three calls; a text between counts for nothing");
        var named = afternoon[2].Detections.ToArray().Where(d => d.Kind == FraudKind.Harassment).ToArray();
        Assert.That(named.Select(d => (d.Role, d.Number)), Is.EquivalentTo(new[] { (Role.Suspect, Stalker), (Role.Victim, Target) }));
        Assert.That(named[0].Reason, Is.EqualTo(ReasonCode.UnwantedEventsToOneNumberForHours));
        Assert.That(named[0].Value, Is.EqualTo(4), "four unanswered calls since the first contact; the texts after it are not counted");
    }

    [Test]
    public void The_same_calls_are_not_named_by_the_hour_rule_alone()
    {
        var off = Scoring.Detectors.Thresholds.Default with { Harassment = Scoring.Detectors.Thresholds.Default.Harassment with { MinPursuitEvents = 0 } };
        var scorer = new Scorer(off).RemembersSince(Noon.AddDays(-2));

        Bursts(scorer, Noon.AddHours(-3), 3);
        Bursts(scorer, Noon, 3);
        Bursts(scorer, Noon.AddHours(3), 3);

        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False);
    }

    [Test]
    public void Right_after_a_start_no_pursuit_begins_every_pair_is_new()
    {
        var scorer = new Scorer().RemembersSince(Noon.AddHours(-5));

        Bursts(scorer, Noon.AddHours(-3), 3);
        Bursts(scorer, Noon, 3);
        Bursts(scorer, Noon.AddHours(3), 3);

        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False, "the pair memory reaches back two hours before the first call, not a day");
    }

    [Test]
    public void Calls_more_than_the_lapse_apart_start_the_count_again()
    {
        var scorer = new Scorer().RemembersSince(Noon.AddDays(-2));

        Bursts(scorer, Noon.AddHours(-9), 3);
        Bursts(scorer, Noon.AddHours(-4), 3);
        Bursts(scorer, Noon.AddHours(1), 3);

        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False, "two calls every five hours: each burst counts from one again");
    }

    [Test]
    public void A_conversation_in_between_ends_the_pursuit()
    {
        var scorer = new Scorer().RemembersSince(Noon.AddDays(-2));

        Bursts(scorer, Noon.AddHours(-3), 3);
        scorer.Score(Call(Stalker, Target, Noon.AddHours(-2), duration: 240));
        Bursts(scorer, Noon, 3);
        Bursts(scorer, Noon.AddHours(3), 3);

        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False, "they talked for four minutes: whatever follows is between acquaintances");
    }

    // A burst of unwanted events two minutes apart: unanswered, a text, unanswered, ...
    private static Decision[] Bursts(Scorer scorer, DateTimeOffset start, int events)
        => [.. Enumerable.Range(0, events).Select(i => scorer.Score(i % 2 == 1
            ? Sms(Stalker, Target, start.AddMinutes(2 * i))
            : Call(Stalker, Target, start.AddMinutes(2 * i), answered: false, ring: 20)))];
}
