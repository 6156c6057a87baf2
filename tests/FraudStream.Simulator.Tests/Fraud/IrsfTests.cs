namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class IrsfTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Irsf_sims_call_premium_international_ranges_many_times_for_long_at_night_from_a_foreign_handset()
    {
        var actors = Sample.SuspectsByActor(FraudKind.Irsf).ToList();
        var all = new List<Cdr>();

        Assert.That(actors, Has.Count.EqualTo(3));
        foreach (var actor in actors)
        {
            var sim = actor.Single(n => n.StartsWith("+86", StringComparison.Ordinal));
            var destinations = actor.Where(n => n != sim).ToHashSet();
            var pumped = Sample.Originals.Where(c => c.Caller == sim && destinations.Contains(c.Callee)).ToList();
            var ownHandsets = Sample.Originals.Where(c => c.Caller == sim && !destinations.Contains(c.Callee)).Select(c => c.Imei).ToHashSet();
            all.AddRange(pumped);

            Assert.That(destinations, Has.Count.InRange(3, 8).And.None.StartWith("+86"), sim);
            Assert.That(pumped, Has.Count.GreaterThanOrEqualTo(10), sim);
            Assert.That(pumped.Select(c => c.DurationSec).Order().ElementAt(pumped.Count / 2), Is.GreaterThan(600), $"{sim}: median call over 10 minutes");
            Assert.That(pumped.Select(c => c.Imei).Distinct().Single(), Is.Not.AnyOf(ownHandsets.ToArray()), $"{sim}: the premium calls come from a handset the owner does not use");
        }

        Assert.That(all.Count(c => c.Hour < 6), Is.GreaterThan(all.Count * 0.6), "mostly at night");
    }
}
