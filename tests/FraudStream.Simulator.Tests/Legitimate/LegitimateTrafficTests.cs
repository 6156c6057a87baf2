namespace FraudStream.Simulator.Tests.Legitimate;

[TestFixture]
public sealed class LegitimateTrafficTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void A_full_simulated_day_has_10_to_20_events_per_subscriber()
    {
        var firstDay = Sample.Originals.Count(c => c.StartTime.Day == SimulatedSample.StandardOptions.Start.Day);

        Assert.That((double)firstDay / SimulatedSample.StandardOptions.Population, Is.InRange(10, 20));
    }

    [Test]
    public void Nights_are_quiet_and_late_morning_is_busy()
    {
        var byHour = Sample.Originals.GroupBy(c => c.Hour).ToDictionary(g => g.Key, g => g.Count());

        Assert.That(byHour[3], Is.LessThan(byHour[11] / 10));
        Assert.That(byHour[20], Is.GreaterThan(byHour[3] * 5), "evening peak");
    }

    [Test]
    public void Most_calls_and_almost_all_texts_between_subscribers_go_to_contacts()
    {
        var subscribers = Sample.World.Subscribers;
        var index = new Dictionary<string, int>();
        for (var i = 0; i < subscribers.Count; i++)
            index["+" + subscribers.Numbers[i]] = i;
        var truth = Sample.AllTruthNumbers();
        var personal = Sample.Originals.Where(c => index.ContainsKey(c.Caller) && !truth.Contains(c.Caller) && !truth.Contains(c.Callee)).ToList();

        double ContactShare(IEnumerable<Cdr> records)
        {
            var list = records.ToList();
            return (double)list.Count(c => index.TryGetValue(c.Callee, out var callee) && subscribers.IsContact(index[c.Caller], callee)) / list.Count;
        }

        Assert.That(ContactShare(personal.Where(c => c.IsVoice)), Is.InRange(0.6, 0.85), "calls to contacts");
        Assert.That(ContactShare(personal.Where(c => c.IsSms)), Is.GreaterThan(0.9), "texts to contacts");
    }

    [Test]
    public void Calls_between_subscribers_are_answered_70_to_85_percent_and_last_a_minute_or_two()
    {
        var truth = Sample.AllTruthNumbers();
        var calls = Sample.Originals.Where(c => c.IsVoice && !truth.Contains(c.Caller) && !truth.Contains(c.Callee)
            && c.Caller.StartsWith("+861", StringComparison.Ordinal) && c.Callee.StartsWith("+861", StringComparison.Ordinal)).ToList();
        var answered = calls.Where(c => c.Answered).Select(c => c.DurationSec).Order().ToList();

        Assert.That((double)answered.Count / calls.Count, Is.InRange(0.65, 0.85));
        Assert.That(answered[answered.Count / 2], Is.InRange(45, 120), "median talk time");
        Assert.That(answered[answered.Count * 99 / 100], Is.GreaterThan(answered[answered.Count / 2] * 5), "lognormal: a long tail");
    }
}
