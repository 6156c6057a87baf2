using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Detectors;

[TestFixture]
public sealed class OutboundDetectorTests
{
    private static readonly PhoneNumber Tunisia = Number("+21690000001");

    [Test]
    public void Wangiri_foreign_number_ringing_many_subscribers_briefly_is_blocked_as_suspect()
    {
        var scorer = new Scorer();
        var last = new Decision();
        for (var i = 0; i < 40; i++)
            last = scorer.Score(Call(Tunisia, Home(100 + i), Noon.AddSeconds(12 * i), answered: false, ring: 1.5f));

        Assert.That(last.Action, Is.EqualTo(DecisionAction.Block));
        Assert.That(last.Detections[0].Kind, Is.EqualTo(FraudKind.Wangiri));
        Assert.That(last.Detections[0].Reason, Is.EqualTo(ReasonCode.ManyUnansweredShortRingsFromAbroad));
        Assert.That(last.Detections[0].Number, Is.EqualTo(Tunisia));
        Assert.That(last.Detections[0].Value, Is.GreaterThanOrEqualTo(last.Detections[0].Threshold));
    }

    [Test]
    public void Wangiri_family_abroad_calling_a_few_relatives_is_not_flagged()
    {
        var scorer = new Scorer();
        var uncle = Number("+14155550123");
        for (var i = 0; i < 6; i++)
            scorer.Score(Call(uncle, Home(i % 2), Noon.AddMinutes(5 * i), answered: i % 3 != 0, ring: 2, duration: 900));

        Assert.That(scorer.AnyFlagged(FraudKind.Wangiri), Is.False);
    }

    [Test]
    public void Wangiri_home_caller_with_many_short_unanswered_calls_is_not_wangiri()
    {
        var scorer = new Scorer();
        for (var i = 0; i < 40; i++)
            scorer.Score(Call(Home(1), Home(100 + i), Noon.AddSeconds(90 * i), answered: false, ring: 2));

        Assert.That(scorer.AnyFlagged(FraudKind.Wangiri), Is.False);
    }

    [Test]
    public void Robocall_dialer_every_12_seconds_mostly_unanswered_is_labelled()
    {
        var scorer = new Scorer();
        var dialer = Home(9);
        for (var i = 0; i < 120; i++)
            scorer.Score(Call(dialer, Home(1000 + i), Noon.AddSeconds(12 * i), answered: i % 8 == 0, duration: 6, ring: 8));

        Assert.That(scorer.WasFlagged(FraudKind.Robocall, Role.Suspect, dialer), Is.True);
    }

    [Test]
    public void Robocall_wangiri_one_ring_calls_are_wangiri_not_robocall()
    {
        var scorer = new Scorer();
        for (var i = 0; i < 120; i++)
            scorer.Score(Call(Tunisia, Home(1000 + i), Noon.AddSeconds(10 * i), answered: false, ring: 1.2f));

        Assert.That(scorer.WasFlagged(FraudKind.Wangiri, Role.Suspect, Tunisia), Is.True);
        Assert.That(scorer.AnyFlagged(FraudKind.Robocall), Is.False);
    }

    [Test]
    public void Robocall_delivery_driver_calling_customers_who_answer_is_not_flagged()
    {
        var scorer = new Scorer();
        var driver = Home(7);
        // A busy courier: a customer every 4 minutes all day, most answer and talk half a minute.
        for (var i = 0; i < 150; i++)
            scorer.Score(Call(driver, Home(2000 + i), Noon.AddMinutes(4 * i), answered: i % 7 != 0, duration: 30) with { CellHash = (ulong)(1 + (i % 5)) });

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void SmsFlood_sender_texting_300_strangers_in_5_minutes_is_blocked()
    {
        var scorer = new Scorer();
        var sender = Home(5);
        var last = new Decision();
        for (var i = 0; i < 300; i++)
            last = scorer.Score(Sms(sender, Home(3000 + i), Noon.AddSeconds(i)));

        Assert.That(last.Action, Is.EqualTo(DecisionAction.Block));
        Assert.That(scorer.WasFlagged(FraudKind.SmsFlood, Role.Suspect, sender), Is.True);
    }

    [Test]
    public void SmsFlood_bank_notifications_spread_over_the_day_are_not_flagged()
    {
        var scorer = new Scorer();
        var bank = Number("+8695566");
        for (var i = 0; i < 300; i++)
            scorer.Score(Sms(bank, Home(3000 + i), Noon.AddSeconds(40 * i)));

        Assert.That(scorer.AnyFlagged(FraudKind.SmsFlood), Is.False);
    }

    [Test]
    public void Harassment_ten_rejected_calls_within_the_hour_names_caller_suspect_and_callee_victim()
    {
        var scorer = new Scorer();
        var stalker = Home(11);
        var target = Home(12);
        for (var i = 0; i < 10; i++)
            scorer.Score(Call(stalker, target, Noon.AddMinutes(3 * i), answered: i == 4, duration: 5));

        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Suspect, stalker), Is.True);
        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Victim, target), Is.True);
    }

    [Test]
    public void Harassment_stalker_who_also_calls_his_own_family_is_still_named()
    {
        var scorer = new Scorer();
        var stalker = Home(11);
        var target = Home(12);
        var mother = Home(15);
        scorer.Score(Call(stalker, mother, Noon.AddHours(-3), duration: 300));
        for (var i = 0; i < 10; i++)
        {
            scorer.Score(Call(stalker, target, Noon.AddMinutes(3 * i), answered: i == 4, duration: 5));
            if (i % 3 == 0)
                scorer.Score(Call(stalker, mother, Noon.AddMinutes((3 * i) + 1), duration: 120));
        }

        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Suspect, stalker), Is.True, "his mother is no new number");
    }

    [Test]
    public void Harassment_pool_number_calling_the_victim_and_the_victims_contacts_is_not_a_harasser()
    {
        // One number of a debt collector's pool: the victim again and again, and the victim's contacts in between.
        static Scorer Play(Scorer scorer)
        {
            for (var i = 0; i < 8; i++)
            {
                scorer.Score(Call(Home(16), Home(17), Noon.AddMinutes(3 * i), answered: false, ring: 3));
                scorer.Score(Call(Home(16), Home(200 + i), Noon.AddMinutes((3 * i) + 1), answered: i % 2 == 0, duration: 40));
            }

            return scorer;
        }

        Assert.That(Play(new Scorer()).AnyFlagged(FraudKind.Harassment), Is.False, "eight new numbers in the hour: not one person pursued");
        var unlimited = Scoring.Detectors.Thresholds.Default with { Harassment = new() { MaxNewCounterparts1h = 100, MinPairShare1h = 0 } };
        Assert.That(Play(new Scorer(unlimited)).AnyFlagged(FraudKind.Harassment), Is.True, "without the limits (new numbers, share of its calls) it is taken for a harasser");
    }

    [Test]
    public void SmsFlood_busiest_bank_sender_at_ten_a_minute_for_hours_is_not_flagged()
    {
        var scorer = new Scorer();
        var bank = Number("+8610612345678");
        for (var i = 0; i < 1800; i++)
            scorer.Score(Sms(bank, Home(3000 + i), Noon.AddSeconds(6 * i)));

        Assert.That(scorer.AnyFlagged(FraudKind.SmsFlood), Is.False, "a steady stream, not a burst");
    }

    [Test]
    public void Harassment_friend_calling_back_three_times_then_talking_is_not_flagged()
    {
        var scorer = new Scorer();
        var friend = Home(13);
        scorer.Score(Call(friend, Home(14), Noon, answered: false));
        scorer.Score(Call(friend, Home(14), Noon.AddMinutes(5), answered: false));
        scorer.Score(Call(friend, Home(14), Noon.AddMinutes(10), answered: true, duration: 600));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Irsf_night_pumping_of_long_calls_to_premium_islands_is_blocked_critical()
    {
        var scorer = new Scorer();
        var sim = Home(21);
        var night = new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.FromHours(8));
        var last = new Decision();
        PhoneNumber[] premium = [Number("+2476001"), Number("+2902002"), Number("+88134000001")];
        for (var i = 0; i < 8; i++)
            last = scorer.Score(Call(sim, premium[i % 3], night.AddMinutes(i * 20), duration: 1500, ring: 1));

        Assert.That(scorer.WasFlagged(FraudKind.Irsf, Role.Suspect, sim), Is.True);
        Assert.That(last.Severity, Is.EqualTo(Severity.Critical));
    }

    [Test]
    public void Irsf_family_member_calling_a_relative_abroad_for_an_hour_is_not_flagged()
    {
        var scorer = new Scorer();
        var member = Home(22);
        scorer.Score(Call(member, Home(30), Noon.AddMinutes(-50), duration: 120));
        scorer.Score(Call(member, Number("+14155550123"), Noon, duration: 3600));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Irsf_hijacked_line_whose_owner_is_awake_too_is_irsf_though_a_third_of_its_traffic_is_national()
    {
        // Held-out world, seed 20261207: a cloned SIM pumping premium numbers on two lines after midnight while the
        // owner texts and calls friends; the owner's records kept the international share at 0.6-0.7.
        var scorer = new Scorer();
        var line = Home(24);
        var night = new DateTimeOffset(2026, 3, 3, 0, 19, 0, TimeSpan.FromHours(8));
        PhoneNumber[] premium = [Number("+882996677592"), Number("+68890165"), Number("+24763631")];
        scorer.Score(Sms(line, Home(42), night));
        scorer.Score(Call(line, Home(43), night.AddSeconds(6), duration: 80));
        scorer.Score(Call(line, Home(44), night.AddMinutes(14), answered: false));
        int[] minutes = [16, 17, 18, 33, 35, 39];
        int[] durations = [1317, 1058, 862, 2778, 1328, 2218];
        for (var i = 0; i < minutes.Length; i++)
        {
            if (i == 4)
                scorer.Score(Call(line, Home(45), night.AddMinutes(34), answered: false));
            scorer.Score(Call(line, premium[i % 3], night.AddMinutes(minutes[i]), duration: durations[i], ring: 1));
        }

        Assert.That(scorer.WasFlagged(FraudKind.Irsf, Role.Suspect, line), Is.True);
    }

    [Test]
    public void Irsf_evening_calls_to_two_relatives_abroad_among_calls_home_are_not_flagged()
    {
        var scorer = new Scorer();
        var member = Home(25);
        var evening = Noon.AddHours(8);
        scorer.Score(Call(member, Home(31), evening, duration: 300));
        scorer.Score(Call(member, Number("+14155550123"), evening.AddMinutes(5), duration: 1800));
        scorer.Score(Call(member, Home(32), evening.AddMinutes(36), duration: 120));
        scorer.Score(Call(member, Number("+61291234567"), evening.AddMinutes(40), duration: 1500));
        scorer.Score(Call(member, Number("+14155550123"), evening.AddMinutes(70), duration: 900));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Irsf_hijacked_home_line_calling_dozens_of_premium_and_satellite_numbers_is_irsf_whatever_the_call_length()
    {
        // The owner's own calls in the morning, then 40 distinct numbers in premium and satellite ranges within an
        // hour, 20-90 s each: too short for the pumping pattern.
        var scorer = new Scorer();
        var line = Home(23);
        scorer.Score(Call(line, Home(40), Noon.AddMinutes(-30), duration: 200));
        scorer.Score(Call(line, Home(41), Noon.AddMinutes(-10), duration: 60));
        string[] ranges = ["+88160", "+88213", "+2475", "+2904", "+6903"];
        var last = new Decision();
        for (var i = 0; i < 40; i++)
            last = scorer.Score(Call(line, Number(ranges[i % ranges.Length] + (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), Noon.AddSeconds(90 * i), answered: i % 4 != 0, duration: 20 + (i % 5 * 15)));

        Assert.That(scorer.WasFlagged(FraudKind.Irsf, Role.Suspect, line), Is.True);
        Assert.That(last.Action, Is.EqualTo(DecisionAction.Block));
        Assert.That(last.Detections.ToArray().Single(d => d.Kind == FraudKind.Irsf).Reason, Is.EqualTo(ReasonCode.ManyNewForeignNumbersCalled));
    }

    [Test]
    public void Harassment_caller_ringing_one_victim_dozens_of_times_in_half_an_hour_is_harassment_not_only_bombing()
    {
        // 48 unanswered calls in 30 minutes; the harasser also phones two friends and his mother in that hour.
        var scorer = new Scorer();
        var stalker = Home(11);
        var target = Home(12);
        DateTimeOffset? first = null;
        for (var i = 0; i < 48; i++)
        {
            var at = Noon.AddSeconds(37.5 * i);
            if (scorer.Score(Call(stalker, target, at, answered: false, ring: 8)).Has(FraudKind.Harassment))
                first ??= at;
            if (i is 3 or 20 or 40)
                scorer.Score(Call(stalker, Home(50 + i), at.AddSeconds(10), duration: 180));
        }

        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Suspect, stalker), Is.True);
        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Victim, target), Is.True);
        Assert.That(first!.Value - Noon, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(190)), "named by the sixth call (five decayed)");
    }

    [Test]
    public void Harassment_caller_redialling_every_thirty_seconds_past_the_bombing_level_is_named_harasser_and_the_callee_bombed()
    {
        // A person redials as soon as the ring times out: 60 calls in half an hour, one caller.
        var scorer = new Scorer();
        var stalker = Home(11);
        var target = Home(12);
        for (var i = 0; i < 60; i++)
            scorer.Score(Call(stalker, target, Noon.AddSeconds(30 * i), answered: false, ring: 5));

        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Suspect, stalker), Is.True, "one person pursuing another, however many the calls");
        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, target), Is.True, "and the callee is flooded");
    }

    [Test]
    public void One_number_ringing_one_victim_at_machine_pace_is_call_bombing_not_harassment()
    {
        // Every 10 seconds for 15 minutes: a dialler, faster than anyone redials by hand (Harassment.MaxCalls1m).
        var scorer = new Scorer();
        var machine = Home(13);
        var target = Home(14);
        for (var i = 0; i < 90; i++)
            scorer.Score(Call(machine, target, Noon.AddSeconds(10 * i), answered: false, ring: 3));

        Assert.That(scorer.WasFlagged(FraudKind.CallBombing, Role.Victim, target), Is.True);
        Assert.That(scorer.AnyFlagged(FraudKind.Harassment), Is.False);

        var unpaced = Thresholds.Default with { Harassment = Thresholds.Default.Harassment with { MaxCalls1m = 1000 } };
        var without = new Scorer(unpaced);
        for (var i = 0; i < 90; i++)
            without.Score(Call(machine, target, Noon.AddSeconds(10 * i), answered: false, ring: 3));
        Assert.That(without.WasFlagged(FraudKind.Harassment, Role.Suspect, machine), Is.True, "without the pace test it is named");
    }

    [Test]
    public void Simbox_sim_calling_a_new_home_number_every_few_minutes_from_one_cell_is_blocked()
    {
        var scorer = new Scorer();
        var sim = Home(31);
        for (var i = 0; i < 40; i++)
            scorer.Score(Call(sim, Home(4000 + i), Noon.AddMinutes(3 * i), answered: i % 3 != 0, duration: 90) with { CellHash = 77, Imei = 86000001 });

        Assert.That(scorer.WasFlagged(FraudKind.Simbox, Role.Suspect, sim), Is.True);
    }

    [Test]
    public void Simbox_sim_reporting_its_cell_once_and_calling_a_few_strangers_an_hour_at_night_is_blocked()
    {
        // One SIM of a large box: five calls an hour, the cell on its first record only (the network omits it on most).
        static Scorer Play(Scorer scorer, DateTimeOffset start)
        {
            var sim = Home(34);
            for (var i = 0; i < 10; i++)
                scorer.Score(Call(sim, Home(4100 + i), start.AddMinutes(12 * i), answered: i % 3 != 0, duration: 90) with { CellHash = i == 0 ? 77UL : 0 });
            return scorer;
        }

        var night = Noon.AddHours(14); // 02:00 local
        Assert.That(Play(new Scorer(), night).WasFlagged(FraudKind.Simbox, Role.Suspect, Home(34)), Is.True);
        var dayOnly = Thresholds.Default with { Simbox = Thresholds.Default.Simbox with { MinNightShare1h = 2 } };
        Assert.That(Play(new Scorer(dayOnly), night).AnyFlagged(FraudKind.Simbox), Is.False, "without the night test the SIM is too quiet");
        Assert.That(Play(new Scorer(), Noon).AnyFlagged(FraudKind.Simbox), Is.False, "by day, couriers and call centres call strangers too");
    }

    [Test]
    public void Simbox_by_day_fires_only_on_a_record_that_reports_the_cell()
    {
        var scorer = new Scorer();
        var sim = Home(35);
        for (var i = 0; i < 40; i++)
            scorer.Score(Call(sim, Home(4200 + i), Noon.AddMinutes(3 * i), duration: 90) with { CellHash = i == 0 ? 77UL : 0 });
        Assert.That(scorer.AnyFlagged(FraudKind.Simbox), Is.False);

        scorer.Score(Call(sim, Home(4300), Noon.AddMinutes(121), duration: 90) with { CellHash = 77 });
        Assert.That(scorer.WasFlagged(FraudKind.Simbox, Role.Suspect, sim), Is.True);
    }

    [Test]
    public void Simbox_established_line_calling_strangers_from_its_office_by_day_is_not_flagged_but_at_night_it_is()
    {
        // An outbound call centre: a line that has been calling for days. By day that is its job; at night it is a box's.
        static Scorer Play(Scorer scorer, DateTimeOffset start)
        {
            var line = Home(36);
            scorer.Score(Call(line, Home(4400), start.AddDays(-2), duration: 90) with { CellHash = 78 });
            for (var i = 0; i < 40; i++)
                scorer.Score(Call(line, Home(4500 + i), start.AddMinutes(3 * i), answered: i % 2 == 0, duration: 90) with { CellHash = 78 });
            return scorer;
        }

        Assert.That(Play(new Scorer(), Noon).AnyFlagged(FraudKind.Simbox), Is.False, "known for two days: an office by day");
        var ageless = Thresholds.Default with { Simbox = Thresholds.Default.Simbox with { MaxHoursKnownByDay = 0 } };
        Assert.That(Play(new Scorer(ageless), Noon).WasFlagged(FraudKind.Simbox, Role.Suspect, Home(36)), Is.True, "without the age test it is named");
        Assert.That(Play(new Scorer(), Noon.AddHours(14)).WasFlagged(FraudKind.Simbox, Role.Suspect, Home(36)), Is.True, "at 02:00 age does not excuse it");
    }

    [Test]
    public void Simbox_delivery_driver_moving_between_cells_is_not_flagged()
    {
        var scorer = new Scorer();
        var driver = Home(32);
        for (var i = 0; i < 40; i++)
            scorer.Score(Call(driver, Home(4000 + i), Noon.AddMinutes(3 * i), duration: 30) with { CellHash = (ulong)(100 + (i % 6)) });

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Simbox_sim_that_also_texts_is_not_flagged()
    {
        var scorer = new Scorer();
        var sim = Home(33);
        for (var i = 0; i < 40; i++)
        {
            scorer.Score(Call(sim, Home(4000 + i), Noon.AddMinutes(3 * i), duration: 90) with { CellHash = 77 });
            if (i % 5 == 0)
                scorer.Score(Sms(sim, Home(4000 + i), Noon.AddMinutes(3 * i).AddSeconds(100)) with { CellHash = 77 });
        }

        Assert.That(scorer.AnyFlagged(FraudKind.Simbox), Is.False);
    }

    [Test]
    public void Detect_allocates_nothing_per_event()
    {
        var rules = Scoring.Detectors.DetectorSet.Standard();
        var t = Scoring.Detectors.Thresholds.Default;
        var e = Sms(Home(5), Home(3000), Noon);
        var f = new Scoring.Features.FeatureVector();
        f[Scoring.Features.Feature.Sms15m] = 500;
        f[Scoring.Features.Feature.Sms1m] = 100;
        f[Scoring.Features.Feature.NewCounterparts15m] = 400;
        var decision = new Decision();
        rules.DetectOutbound(e, f, t, ref decision);
        var allocated = Allocations.Fewest(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                decision = default;
                rules.DetectOutbound(e, f, t, ref decision);
                rules.DetectInbound(e, f, t, ref decision);
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(decision.Has(FraudKind.SmsFlood), Is.True);
    }

    [Test]
    public void Detectors_disabled_in_thresholds_report_nothing()
    {
        var t = Scoring.Detectors.Thresholds.Default with { SmsFlood = new() { Enabled = false } };
        var scorer = new Scorer(t);
        for (var i = 0; i < 300; i++)
            scorer.Score(Sms(Home(5), Home(3000 + i), Noon.AddSeconds(i)));

        Assert.That(scorer.Flagged, Is.Empty);
    }
}
