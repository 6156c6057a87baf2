using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Detectors;

[TestFixture]
public sealed class InboundDetectorTests
{
    private static readonly PhoneNumber Cambodia = Number("+85512345678");

    [Test]
    public void CallBombing_victim_flooded_by_many_callers_is_warned_as_victim()
    {
        var scorer = new Scorer();
        var victim = Home(1);
        var last = new Decision();
        for (var i = 0; i < 60; i++)
            last = scorer.Score(Call(Home(500 + (i % 20)), victim, Noon.AddSeconds(10 * i), answered: i % 10 == 0, duration: 5, ring: 3));

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, victim), Is.True);
        Assert.That(last.Action, Is.EqualTo(DecisionAction.Warn));
    }

    [Test]
    public void CallBombing_victim_flooded_by_one_caller_is_warned()
    {
        var scorer = new Scorer();
        var victim = Home(2);
        for (var i = 0; i < 40; i++)
            scorer.Score(Call(Home(600), victim, Noon.AddSeconds(45 * i), answered: false, ring: 2));

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, victim), Is.True);
    }

    [Test]
    public void CallBombing_debt_collector_calling_the_victims_contacts_names_them_victims_too()
    {
        var scorer = new Scorer();
        var victim = Home(1);
        var collector = Home(555);
        for (var i = 0; i < 30; i++)
            scorer.Score(Call(Home(500 + (i % 6)), victim, Noon.AddSeconds(20 * i), answered: false, ring: 3));
        for (var i = 0; i < 30; i++)
            scorer.Score(Call(collector, victim, Noon.AddMinutes(10).AddSeconds(20 * i), answered: false, ring: 3));

        var contact = Home(42);
        var decision = scorer.Score(Sms(collector, contact, Noon.AddMinutes(30)));

        Assert.That(decision.Has(FraudKind.CallBombing), Is.True);
        Assert.That(decision.Detections[0].Number, Is.EqualTo(contact));
        Assert.That(decision.Detections[0].Reason, Is.EqualTo(ReasonCode.CalledByNumberFloodingAnother));
        Assert.That(scorer.Score(Call(collector, Home(43), Noon.AddHours(5))).IsEmpty, Is.True, "forgotten after the memory's 2 hours");
    }

    [Test]
    public void CallBombing_flooder_calling_the_victim_again_and_again_is_not_called_a_harasser()
    {
        var scorer = new Scorer();
        var victim = Home(1);
        for (var i = 0; i < 60; i++)
            scorer.Score(Call(Home(500 + (i % 8)), victim, Noon.AddSeconds(15 * i), answered: false, ring: 3));

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, victim), Is.True);
        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False, "seven or eight calls each in 15 minutes, but the callee is being bombed");
    }

    [Test]
    public void CallBombing_pool_numbers_each_ringing_the_victim_only_at_a_human_pace_are_not_called_harassers()
    {
        // Six numbers take turns, one call every 30 s in all: each rings the victim only, every 3 minutes, and reaches
        // five calls in the hour like a harasser; only the callee side sees six of them at once.
        var scorer = new Scorer();
        var victim = Home(1);
        for (var i = 0; i < 48; i++)
            scorer.Score(Call(Home(600 + (i % 6)), victim, Noon.AddSeconds(30 * i), answered: false, ring: 6));

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, victim), Is.True);
        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False);

        // The same calls without the callee side's confirmation: each pool number would be named a harasser.
        var pursued = 0;
        var alone = new Scorer();
        for (var i = 0; i < 48; i++)
        {
            if (alone.ScoreOutbound(Call(Home(600 + (i % 6)), victim, Noon.AddSeconds(30 * i), answered: false, ring: 6)).Pursuit > 0)
                pursued++;
        }

        Assert.That(pursued, Is.GreaterThan(0), "the caller side alone takes them for harassers");

        // And the callee side without its several-new-callers test: the pool is not flooding enough yet to tell.
        var blind = new Scorer(Thresholds.Default with { Harassment = Thresholds.Default.Harassment with { MaxNewCallersOfVictim1h = 1000 } });
        for (var i = 0; i < 48; i++)
            blind.Score(Call(Home(600 + (i % 6)), victim, Noon.AddSeconds(30 * i), answered: false, ring: 6));
        Assert.That(blind.AnyFlagged(FraudKind.Harassment), Is.True);
    }

    [Test]
    public void CallBombing_pool_numbers_calling_the_flooded_victim_again_unanswered_are_named_suspects()
    {
        // A debt collector's pool: 20 numbers, three calls each within 10 minutes, none answered.
        var scorer = new Scorer();
        var victim = Home(1);
        for (var i = 0; i < 60; i++)
            scorer.Score(Call(Home(500 + (i % 20)), victim, Noon.AddSeconds(10 * i), answered: false, ring: 3));

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, victim), Is.True);
        for (var n = 0; n < 20; n++)
            Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Suspect, Home(500 + n)), Is.True, $"pool number {n} called three times unanswered");
    }

    [Test]
    public void CallBombing_suspect_detection_is_a_label_so_the_victims_warning_decides_the_action()
    {
        var scorer = new Scorer();
        var victim = Home(1);
        var last = new Decision();
        for (var i = 0; i < 60; i++)
            last = scorer.Score(Call(Home(500 + (i % 20)), victim, Noon.AddSeconds(10 * i), answered: false, ring: 3));

        var suspect = last.Detections.ToArray().Single(d => d.Kind == FraudKind.CallBombing && d.Role == Role.Suspect);
        Assert.That(suspect.Number, Is.EqualTo(Home(519)));
        Assert.That(suspect.Action, Is.EqualTo(DecisionAction.Label));
        Assert.That(suspect.Value, Is.GreaterThanOrEqualTo(suspect.Threshold));
        Assert.That(last.Action, Is.EqualTo(DecisionAction.Warn));
    }

    [Test]
    public void CallBombing_relatives_calling_the_flooded_victim_once_or_twice_are_not_named_suspects()
    {
        var scorer = new Scorer();
        var victim = Home(1);
        var mother = Home(900);
        var brother = Home(901);
        for (var i = 0; i < 60; i++)
        {
            scorer.Score(Call(Home(500 + (i % 20)), victim, Noon.AddSeconds(10 * i), answered: false, ring: 3));
            if (i == 20)
                scorer.Score(Call(mother, victim, Noon.AddSeconds((10 * i) + 5), answered: false, ring: 20));
            if (i is 30 or 45)
                scorer.Score(Call(brother, victim, Noon.AddSeconds((10 * i) + 5), answered: i == 45, ring: 20, duration: 120));
        }

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, victim), Is.True);
        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Suspect, mother), Is.False, "one unanswered call: worried, not bombing");
        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Suspect, brother), Is.False, "two calls, the second answered");
    }

    [Test]
    public void CallBombing_pool_suspects_are_not_named_when_the_threshold_is_zero()
    {
        var scorer = new Scorer(Scoring.Detectors.Thresholds.Default with { CallBombing = new() { MinSuspectCallsToVictim1h = 0 } });
        var victim = Home(1);
        for (var i = 0; i < 60; i++)
            scorer.Score(Call(Home(500 + (i % 20)), victim, Noon.AddSeconds(10 * i), answered: false, ring: 3));

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, victim), Is.True);
        Assert.That(scorer.Flagged.Any(f => f.Kind == FraudKind.CallBombing && f.Role == Role.Suspect), Is.False);
    }

    [Test]
    public void CallBombing_hotline_answering_many_callers_is_not_flagged()
    {
        var scorer = new Scorer();
        var hotline = Number("+864008001234");
        for (var i = 0; i < 200; i++)
            scorer.Score(Call(Home(700 + i), hotline, Noon.AddSeconds(5 * i), answered: i % 15 != 0, duration: 170));

        Assert.That(scorer.Flagged, Is.Empty, "no victim, and none of its callers named a bombing suspect");
    }

    [Test]
    public void CallBombing_a_person_called_back_a_few_times_by_a_friend_is_not_flagged()
    {
        var scorer = new Scorer();
        for (var i = 0; i < 4; i++)
            scorer.Score(Call(Home(800), Home(3), Noon.AddMinutes(4 * i), answered: i == 3, duration: 300));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void VictimWarning_long_answered_call_from_a_first_time_foreign_number_warns_the_callee()
    {
        var scorer = new Scorer();
        var victim = Home(4);
        var decision = scorer.Score(Call(Cambodia, victim, Noon, duration: 1800));

        Assert.That(decision.Action, Is.EqualTo(DecisionAction.Warn));
        Assert.That(decision.Detections[0].Kind, Is.EqualTo(FraudKind.VictimWarning));
        Assert.That(decision.Detections[0].Role, Is.EqualTo(Role.Victim));
        Assert.That(decision.Detections[0].Number, Is.EqualTo(victim));
        Assert.That(decision.Detections[0].Value, Is.EqualTo(1800f));
    }

    [Test]
    public void Scam_caller_who_tried_a_few_subscribers_and_kept_one_on_the_line_is_named_suspect()
    {
        // The independent generator's scam: a few subscribers called, one kept on the line for 40 minutes.
        var scorer = new Scorer();
        var victim = Home(8);
        scorer.Score(Call(Cambodia, Home(80), Noon, answered: false));
        scorer.Score(Call(Cambodia, Home(81), Noon.AddMinutes(2), duration: 25));
        var decision = scorer.Score(Call(Cambodia, victim, Noon.AddMinutes(5), duration: 2400));

        var suspect = decision.Detections.ToArray().Single(d => d.Kind == FraudKind.Scam);
        Assert.That(suspect.Role, Is.EqualTo(Role.Suspect));
        Assert.That(suspect.Number, Is.EqualTo(Cambodia));
        Assert.That(suspect.Action, Is.EqualTo(DecisionAction.Warn), "warned, not blocked: a relative abroad can look alike");
        Assert.That(suspect.Score, Is.EqualTo(1f), "40 minutes is twice the threshold and more: confident enough to auto-label");
        Assert.That(scorer.WasFlagged(FraudKind.VictimWarning, Role.Victim, victim), Is.True);
        Assert.That(scorer.WasFlagged(FraudKind.Scam, Role.Suspect, Home(81)), Is.False, "the short call's callee is no suspect");
    }

    [Test]
    public void Scam_suspect_is_not_named_when_turned_off_and_the_victim_is_still_warned()
    {
        var scorer = new Scorer(Scoring.Detectors.Thresholds.Default with { VictimWarning = new() { NameSuspect = false } });
        scorer.Score(Call(Cambodia, Home(8), Noon, duration: 2400));

        Assert.That(scorer.AnyFlagged(FraudKind.Scam), Is.False);
        Assert.That(scorer.WasFlagged(FraudKind.VictimWarning, Role.Victim, Home(8)), Is.True);
    }

    [Test]
    public void CallBombing_three_collectors_each_calling_the_borrower_again_and_again_warn_the_borrower_and_contacts()
    {
        // Violent debt collection by a handful of numbers: three collectors, each calling the borrower every 3.5
        // minutes for half an hour (unanswered), and in between calling and texting the borrower's contacts.
        var scorer = new Scorer();
        var borrower = Home(1);
        PhoneNumber[] collectors = [Home(700), Home(701), Home(702)];
        var reasons = new HashSet<ReasonCode>();
        for (var i = 0; i < 9; i++)
        {
            for (var c = 0; c < collectors.Length; c++)
            {
                var at = Noon.AddSeconds((210 * i) + (70 * c));
                foreach (var d in scorer.Score(Call(collectors[c], borrower, at, answered: false, ring: 20)).Detections)
                    reasons.Add(d.Reason);
                scorer.Score(Sms(collectors[c], Home(300 + (10 * i) + c), at.AddSeconds(20)));
            }
        }

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, borrower), Is.True, "too few callers for 'many callers', too few calls each for 'one caller'");
        Assert.That(reasons, Does.Contain(ReasonCode.FloodedByFewPersistentCallers));
        foreach (var collector in collectors)
            Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Suspect, collector), Is.True, "each collector is one of the pool");
        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, Home(382)), Is.True, "a contact texted after the flood was recognised");
        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False, "collectors working through contacts are not harassers");
    }

    [Test]
    public void CallBombing_five_collectors_calling_the_borrower_twenty_times_each_warn_the_borrower_within_minutes()
    {
        var scorer = new Scorer();
        var borrower = Home(2);
        DateTimeOffset? first = null;
        for (var i = 0; i < 20; i++)
        {
            for (var c = 0; c < 5; c++)
            {
                var at = Noon.AddSeconds((90 * i) + (15 * c));
                if (scorer.Score(Call(Home(710 + c), borrower, at, answered: false, ring: 15)).Has(FraudKind.CallBombing))
                    first ??= at;
            }
        }

        Assert.That(first, Is.Not.Null);
        Assert.That(first!.Value - Noon, Is.LessThan(TimeSpan.FromMinutes(10)), $"first warned at {first - Noon}");
    }

    [Test]
    public void VictimWarning_hook_after_two_short_attempts_minutes_earlier_still_warns()
    {
        var scorer = new Scorer();
        var victim = Home(5);
        scorer.Score(Call(Cambodia, victim, Noon, answered: false));
        scorer.Score(Call(Cambodia, victim, Noon.AddMinutes(8), duration: 20));
        scorer.Score(Call(Cambodia, victim, Noon.AddMinutes(20), duration: 2400));

        Assert.That(scorer.WasFlagged(FraudKind.VictimWarning, Role.Victim, victim), Is.True);
    }

    [Test]
    public void VictimWarning_family_abroad_calling_again_the_next_day_is_not_flagged()
    {
        var scorer = new Scorer();
        var member = Home(6);
        var mother = Number("+14155550123");
        scorer.Score(Call(mother, member, Noon.AddDays(-1), duration: 900));
        scorer.Flagged.Clear();
        scorer.Score(Call(mother, member, Noon, duration: 1500));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void VictimWarning_relative_abroad_the_subscriber_called_before_is_not_flagged()
    {
        var scorer = new Scorer();
        var member = Home(6);
        var brother = Number("+447700900123");
        scorer.Score(Call(member, brother, Noon.AddDays(-2), duration: 1200));
        scorer.Flagged.Clear();
        scorer.Score(Call(brother, member, Noon, duration: 1500));

        Assert.That(scorer.Flagged, Is.Empty, "first call in, but the subscriber has called this number");
    }

    [Test]
    public void VictimWarning_short_call_from_a_first_time_foreign_number_is_not_flagged()
    {
        var scorer = new Scorer();
        scorer.Score(Call(Cambodia, Home(7), Noon, duration: 40));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void VictimWarning_long_first_call_from_a_home_number_is_not_flagged()
    {
        var scorer = new Scorer();
        scorer.Score(Call(Home(900), Home(8), Noon, duration: 1800));

        Assert.That(scorer.Flagged, Is.Empty);
    }
}
