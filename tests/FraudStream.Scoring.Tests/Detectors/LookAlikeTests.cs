using System.Globalization;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Detectors;

/// <summary>
/// Legitimate traffic that resembles a fraud pattern, and must stay silent under every rule: the look-alikes of
/// the scam suspect, the few-collectors call bombing, IRSF's fan-out and harassment by dozens of calls (issue 20).
/// </summary>
[TestFixture]
public sealed class LookAlikeTests
{
    private static readonly PhoneNumber Daughter = Number("+447700900321");

    [Test]
    public void Family_member_calling_a_relative_abroad_for_an_hour_is_silent()
    {
        // Three calls (the line dropped twice) adding up to an hour, then the daughter calls back at length.
        var scorer = new Scorer();
        var mother = Home(100);
        scorer.Score(Call(mother, Daughter, Noon, duration: 1500));
        scorer.Score(Call(mother, Daughter, Noon.AddMinutes(26), duration: 1200));
        scorer.Score(Call(mother, Daughter, Noon.AddMinutes(47), duration: 900));
        scorer.Score(Call(Daughter, mother, Noon.AddHours(3), duration: 2400));

        Assert.That(scorer.Flagged, Is.Empty, "no irsf for her, no victim warning for her, no scam suspect for the daughter");
    }

    [Test]
    public void Delivery_drivers_round_is_silent()
    {
        // 40 customers in two hours: a short call each, a few unanswered and called again, a text to some.
        var scorer = new Scorer();
        var driver = Home(101);
        for (var i = 0; i < 40; i++)
        {
            var at = Noon.AddMinutes(3 * i);
            var customer = Home(5000 + i);
            var answered = i % 5 != 0;
            scorer.Score(Call(driver, customer, at, answered: answered, duration: 35, ring: 12) with { CellHash = (ulong)(200 + (i / 4)) });
            if (!answered)
            {
                scorer.Score(Call(driver, customer, at.AddSeconds(60), answered: false, ring: 15) with { CellHash = (ulong)(200 + (i / 4)) });
                scorer.Score(Sms(driver, customer, at.AddSeconds(90)) with { CellHash = (ulong)(200 + (i / 4)) });
            }
        }

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Customer_hotlines_fan_in_is_silent()
    {
        // 300 callers in an hour, most answered; some ring again after a missed call, a few three times.
        var scorer = new Scorer();
        var hotline = Home(102);
        for (var i = 0; i < 300; i++)
        {
            var at = Noon.AddSeconds(12 * i);
            var caller = Home(6000 + (i % 240));
            scorer.Score(Call(caller, hotline, at, answered: i % 6 != 0, duration: 240, ring: 25));
        }

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Heavy_caller_ringing_its_best_contact_again_and_again_among_its_other_calls_is_silent()
    {
        // A sales rep in half an hour: seven unanswered calls to the best client, three each to two others (short or
        // unanswered). Harassment's counts are all there; but only half the calls go to that one person.
        static Scorer Play(Scorer scorer)
        {
            var rep = Home(106);
            var best = Home(107);
            for (var i = 0; i < 7; i++)
            {
                var at = Noon.AddMinutes(4 * i);
                scorer.Score(Call(rep, best, at, answered: false, ring: 25));
                if (i < 3)
                {
                    scorer.Score(Call(rep, Home(108), at.AddMinutes(1), answered: false, ring: 25));
                    scorer.Score(Call(rep, Home(109), at.AddMinutes(2), duration: 30));
                }
            }

            return scorer;
        }

        var unfocused = Thresholds.Default with { Harassment = Thresholds.Default.Harassment with { MinPairShare1h = 0 } };
        Assert.That(Play(new Scorer(unfocused)).WasFlagged(FraudKind.Harassment, Role.Suspect, Home(106)), Is.True, "without the share test it is named");
        Assert.That(Play(new Scorer()).Flagged, Is.Empty);
    }

    [Test]
    public void Worried_relative_calling_one_number_ten_times_in_an_evening_is_silent()
    {
        // Ten unanswered calls between 19:00 and 22:00, two of them redials a minute apart.
        var scorer = new Scorer();
        var father = Home(103);
        var son = Home(104);
        int[] minutes = [0, 1, 25, 50, 70, 71, 100, 130, 155, 180];
        var evening = Noon.AddHours(7);
        foreach (var m in minutes)
            scorer.Score(Call(father, son, evening.AddMinutes(m), answered: false, ring: 30));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Mother_ringing_in_bursts_all_day_is_silent_when_her_son_has_called_her([Values] bool knowsCallsBack)
    {
        // The service has run for a week; the son rang his mother two days ago, she has not rung him within its memory.
        // Today he does not pick up, from morning to night: to the caller side, a stranger rung unanswered in bursts.
        var scorer = new Scorer(knowsCallsBack: knowsCallsBack).RemembersSince(Noon.AddDays(-7));
        var mother = Home(108);
        var son = Home(109);
        scorer.Score(Call(son, mother, Noon.AddDays(-2), duration: 300));
        RingUnansweredInBurstsAllDay(scorer, mother, son);

        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Suspect, mother), Is.EqualTo(!knowsCallsBack),
            knowsCallsBack ? "her son calls her: she is no stranger pursuing him" : "without his call back she looks like a pursuer");
    }

    [Test]
    public void Friend_texting_and_ringing_all_evening_is_silent_when_she_texts_back([Values] bool knowsCallsBack)
    {
        // Eight texts and two unanswered calls within the hour, all to one friend, who texted him that afternoon.
        var scorer = new Scorer(knowsCallsBack: knowsCallsBack);
        var friend = Home(110);
        var him = Home(111);
        var evening = Noon.AddHours(8);
        scorer.Score(Sms(friend, him, Noon.AddHours(3)));
        for (var i = 0; i < 10; i++)
        {
            var at = evening.AddMinutes(6 * i);
            scorer.Score(i % 5 == 4 ? Call(him, friend, at, answered: false, ring: 25) : Sms(him, friend, at));
        }

        Assert.That(scorer.WasFlagged(FraudKind.Harassment, Role.Suspect, him), Is.EqualTo(!knowsCallsBack),
            knowsCallsBack ? "she texts him too: friends, not a pursuit" : "without her text the hour rule names him");
    }

    [Test]
    public void Worried_relative_ringing_unanswered_in_bursts_all_day_is_silent_when_they_have_talked_before()
    {
        // The service has run for a week and remembers their calls; today the son does not pick up, from morning to night.
        var scorer = new Scorer().RemembersSince(Noon.AddDays(-7));
        var mother = Home(106);
        var son = Home(107);
        scorer.Score(Call(mother, son, Noon.AddDays(-3), duration: 420));
        RingUnansweredInBurstsAllDay(scorer, mother, son);

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Delivery_driver_trying_an_unreachable_customer_again_later_is_silent()
    {
        // A round of 30 customers; one is rung twice and texted, then rung twice more on the way back, never answering.
        var scorer = new Scorer().RemembersSince(Noon.AddDays(-7));
        var driver = Home(108);
        var customer = Home(6000);
        for (var i = 0; i < 30; i++)
            scorer.Score(Call(driver, Home(6001 + i), Noon.AddMinutes(4 * i), duration: 30, ring: 10));
        foreach (var at in new[] { Noon.AddMinutes(10), Noon.AddMinutes(11), Noon.AddMinutes(90), Noon.AddMinutes(91) })
            scorer.Score(Call(driver, customer, at, answered: false, ring: 25));
        scorer.Score(Sms(driver, customer, Noon.AddMinutes(12)));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Family_trying_to_reach_someone_after_an_accident_is_silent()
    {
        // Four relatives, five unanswered calls each within half an hour: a few callers, each again, but not eight times.
        var scorer = new Scorer();
        var injured = Home(105);
        for (var i = 0; i < 5; i++)
        {
            for (var r = 0; r < 4; r++)
                scorer.Score(Call(Home(900 + r), injured, Noon.AddSeconds((360 * i) + (80 * r)), answered: false, ring: 30));
        }

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Business_calling_several_clients_abroad_in_an_hour_is_silent()
    {
        // An exporter's line: eight clients in four countries within the hour, calls of 2-8 minutes, two unanswered.
        var scorer = new Scorer();
        var office = Home(106);
        string[] countries = ["+4930", "+3314", "+1212", "+8190"];
        for (var i = 0; i < 8; i++)
        {
            var client = Number(countries[i % countries.Length] + (5_550_000 + i).ToString(CultureInfo.InvariantCulture));
            scorer.Score(Call(office, client, Noon.AddMinutes(7 * i), answered: i % 4 != 3, duration: 120 + (i * 45)));
        }

        Assert.That(scorer.Flagged, Is.Empty);
    }

    [Test]
    public void Call_centre_abroad_calling_customers_at_home_once_each_is_no_scam()
    {
        // A bank's service centre abroad: short answered calls, none of them long enough to be a hook.
        var scorer = new Scorer();
        var centre = Number("+6561234567");
        for (var i = 0; i < 30; i++)
            scorer.Score(Call(centre, Home(7000 + i), Noon.AddMinutes(2 * i), duration: 180));

        Assert.That(scorer.Flagged, Is.Empty);
    }

    // Three unanswered calls a few minutes apart, six times from morning to night.
    private static void RingUnansweredInBurstsAllDay(Scorer scorer, PhoneNumber caller, PhoneNumber callee)
    {
        foreach (var hour in new[] { -4, -3, 0, 2, 5, 8 })
        {
            for (var i = 0; i < 3; i++)
                scorer.Score(Call(caller, callee, Noon.AddHours(hour).AddMinutes(3 * i), answered: false, ring: 30));
        }
    }
}
