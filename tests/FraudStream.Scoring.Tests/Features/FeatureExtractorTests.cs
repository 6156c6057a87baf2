using FraudStream.Scoring.Features;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Features;

[TestFixture]
public sealed class FeatureExtractorTests
{
    private static FeatureExtractor Outbound() => new(Side.Outbound, new FeatureOptions(), new PairRecency(16));

    private static FeatureExtractor Inbound() => new(Side.Inbound, new FeatureOptions(), new PairRecency(16));

    [Test]
    public void Burst_to_many_strangers_counts_in_every_window_as_new_counterparts()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        for (var i = 0; i < 30; i++)
            extractor.Apply(Call(Home(1), Home(100 + i), Noon.AddSeconds(i), answered: false), ref f);

        Assert.That(f[Feature.Calls1m], Is.InRange(20f, 30f), "30 calls in 30 s, decayed by at most half a minute");
        Assert.That(f[Feature.Calls1h], Is.EqualTo(30f).Within(0.5f));
        Assert.That(f[Feature.NewCounterparts15m], Is.EqualTo(30f).Within(0.5f));
        Assert.That(f[Feature.RepeatRatio1h], Is.LessThan(0.02f));
        Assert.That(f[Feature.UnansweredRatio1h], Is.EqualTo(1f));
        Assert.That(f[Feature.FirstContact], Is.EqualTo(1f));
    }

    [Test]
    public void Steady_rate_of_one_call_a_minute_approaches_the_window_lengths()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        for (var minute = 0; minute < 300; minute++)
            extractor.Apply(Call(Home(1), Home(minute % 7), Noon.AddMinutes(minute)), ref f);

        Assert.That(f[Feature.Calls1h], Is.EqualTo(60f).Within(6f));
        Assert.That(f[Feature.Calls15m], Is.EqualTo(15f).Within(1.5f));
        Assert.That(f[Feature.Calls1m], Is.EqualTo(1.58f).Within(0.1f), "1/(1-e^-1): the event just now plus the decayed tail");
    }

    [Test]
    public void A_call_an_hour_later_sees_the_first_decayed_to_e_to_the_minus_one()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        extractor.Apply(Call(Home(1), Home(2), Noon), ref f);
        extractor.Apply(Call(Home(1), Home(3), Noon.AddHours(1)), ref f);

        Assert.That(f[Feature.Calls1h], Is.EqualTo(1 + MathF.Exp(-1)).Within(0.01f));
        Assert.That(f[Feature.Calls15m], Is.EqualTo(1 + MathF.Exp(-4)).Within(0.01f));
    }

    [Test]
    public void Repeated_calls_to_one_callee_raise_pair_events_and_the_repeat_ratio()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        for (var i = 0; i < 10; i++)
            extractor.Apply(Call(Home(1), Home(2), Noon.AddMinutes(3 * i), answered: i % 3 == 0, duration: 4), ref f);

        Assert.That(f[Feature.PairEvents1h], Is.InRange(8f, 10f));
        Assert.That(f[Feature.FirstContact], Is.Zero);
        Assert.That(f[Feature.NewCounterparts1h], Is.EqualTo(MathF.Exp(-27f / 60)).Within(0.01f), "one new callee, 27 minutes ago");
        Assert.That(f[Feature.RepeatRatio1h], Is.GreaterThan(0.85f));
        Assert.That(f[Feature.ShortCallRatio1h], Is.EqualTo(1f), "every answered call was 4 s");
    }

    [Test]
    public void Fan_in_on_the_inbound_side_counts_distinct_callers_of_the_victim()
    {
        var extractor = Inbound();
        var f = new FeatureVector();
        for (var i = 0; i < 50; i++)
            extractor.Apply(Call(Home(1000 + i), Home(7), Noon.AddSeconds(6 * i), answered: false), ref f);

        Assert.That(f[Feature.Calls15m], Is.GreaterThan(35f), "50 calls in 5 minutes at the victim");
        Assert.That(f[Feature.NewCounterparts15m], Is.GreaterThan(35f), "from 50 different callers");
        Assert.That(extractor.TrackedNumbers, Is.EqualTo(1), "inbound state is kept for the callee only");
    }

    [Test]
    public void International_and_night_shares_follow_the_events()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        var night = new DateTimeOffset(2026, 3, 2, 2, 30, 0, TimeSpan.FromHours(8));
        extractor.Apply(Call(Home(1), Number("+88213000001"), night, duration: 600), ref f);
        Assert.That(f[Feature.EventNight], Is.EqualTo(1f));
        Assert.That(f[Feature.CounterpartForeign], Is.EqualTo(1f));
        extractor.Apply(Call(Home(1), Home(2), night.AddMinutes(1)), ref f);

        Assert.That(f[Feature.InternationalShare1h], Is.EqualTo(0.5f).Within(0.01f));
        Assert.That(f[Feature.NightShare1h], Is.EqualTo(1f));
        Assert.That(f[Feature.MeanDuration1h], Is.EqualTo(330f).Within(5f));
        Assert.That(f[Feature.EventInternational], Is.Zero);

        extractor.Apply(Call(Home(1), Home(2), Noon), ref f);
        Assert.That(f[Feature.EventNight], Is.Zero, "noon in +08:00 is day");
    }

    [Test]
    public void Late_event_within_the_bound_counts_decayed_and_beyond_it_is_ignored()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        extractor.Apply(Call(Home(1), Home(2), Noon), ref f);
        extractor.Apply(Call(Home(1), Home(3), Noon.AddMinutes(-30)), ref f);
        var afterLate = f[Feature.Calls1h];
        extractor.Apply(Call(Home(1), Home(4), Noon.AddHours(-2)), ref f);

        Assert.That(afterLate, Is.EqualTo(1 + MathF.Exp(-0.5f)).Within(0.01f));
        Assert.That(f[Feature.Calls1h], Is.EqualTo(afterLate).Within(0.001f));
        Assert.That(extractor.LateEvents, Is.EqualTo(1));
    }

    [Test]
    public void Sim_moving_between_handsets_counts_imei_changes()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        ulong[] imeis = [356938035643809, 356938035643809, 490154203237518, 352099001761481];
        for (var i = 0; i < imeis.Length; i++)
            extractor.Apply(Call(Home(1), Home(2 + i), Noon.AddMinutes(i), imei: imeis[i]), ref f);

        Assert.That(f[Feature.ImeiChanges1h], Is.EqualTo(2f).Within(0.05f));
    }

    [Test]
    public void Sms_counts_apart_from_calls()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        for (var i = 0; i < 200; i++)
            extractor.Apply(Sms(Home(1), Home(500 + i), Noon.AddSeconds(i)), ref f);

        Assert.That(f[Feature.Sms15m], Is.GreaterThan(170f), "200 SMS within 200 s, decayed by at most e^(-200/900)");
        Assert.That(f[Feature.Calls1h], Is.Zero);
        Assert.That(f[Feature.EventSms], Is.EqualTo(1f));
    }

    [Test]
    public void Idle_numbers_are_evicted_as_event_time_moves_on()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        for (var i = 0; i < 2000; i++)
            extractor.Apply(Call(Home(i), Home(1), Noon), ref f);
        Assert.That(extractor.TrackedNumbers, Is.EqualTo(2000));

        for (var i = 0; i < 20_000; i++)
            extractor.Apply(Call(Home(99_999), Home(1), Noon.AddHours(4).AddSeconds(i % 60)), ref f);

        Assert.That(extractor.TrackedNumbers, Is.LessThan(10), "numbers idle for 4 h (> 3 h) are gone");
    }

    [Test]
    public void Apply_allocates_nothing_once_numbers_are_tracked()
    {
        var extractor = Outbound();
        var f = new FeatureVector();
        var events = Enumerable.Range(0, 1000).Select(i => Call(Home(i % 100), Home(i), Noon.AddSeconds(i))).ToArray();
        foreach (var e in events)
            extractor.Apply(e, ref f);

        var rounds = 0;
        var allocated = Allocations.Fewest(() =>
        {
            for (var round = 0; round < 10; round++, rounds++)
            {
                foreach (var e in events)
                    extractor.Apply(e with { StartTimeMs = e.StartTimeMs + (rounds * 1000L) }, ref f);
            }
        });

        Assert.That(allocated, Is.Zero);
    }
}
