using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class CallBombingTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Call_bombing_floods_each_victim_with_dozens_of_calls_within_30_minutes()
    {
        foreach (var actor in Sample.SuspectsByActor(FraudKind.CallBombing))
        {
            var attackers = actor.ToHashSet();
            var calls = Sample.Originals.Where(c => c.IsVoice && attackers.Contains(c.Caller)).ToList();
            var flooded = calls.GroupBy(c => c.Callee).MaxBy(g => g.Count())!;
            var times = flooded.Select(c => c.StartTime).Order().ToList();
            var busiest = times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t <= TimeSpan.FromMinutes(30)).Count()).Max();

            Assert.That(busiest, Is.GreaterThanOrEqualTo(40), $"{actor.Key}: calls to {flooded.Key} within 30 minutes");
            Assert.That(Sample.Numbers(FraudKind.CallBombing, TruthRole.Victim), Does.Contain(flooded.Key));
        }
    }

    [Test]
    public void Debt_collection_also_calls_and_group_texts_the_victims_contacts()
    {
        // The first actor is a debt collector.
        var attackers = Sample.SuspectsByActor(FraudKind.CallBombing).First(a => a.Key == "call_bombing-1").ToHashSet();
        var victims = Sample.Numbers(FraudKind.CallBombing, TruthRole.Victim);
        var reached = Sample.Originals.Where(c => attackers.Contains(c.Caller) && victims.Contains(c.Callee)).ToList();
        var groupSms = reached.Where(c => c.IsSms).GroupBy(c => c.Caller)
            .Max(g => g.Select(c => c.StartTime).Order().ToList() is var t ? t.Select((s, i) => t.Skip(i).TakeWhile(u => u - s <= TimeSpan.FromMinutes(1)).Count()).Max() : 0);

        Assert.That(reached.Select(c => c.Callee).Distinct().Count(), Is.GreaterThanOrEqualTo(6), "the victim and at least 5 contacts");
        Assert.That(reached.Where(c => c.IsVoice).Select(c => c.Callee).Distinct().Count(), Is.GreaterThanOrEqualTo(6), "contacts are called too");
        Assert.That(groupSms, Is.GreaterThanOrEqualTo(5), "one attacker texts at least 5 contacts within a minute");
    }
}
