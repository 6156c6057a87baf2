namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class SimboxTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Simbox_sims_share_one_device_and_cell_call_many_distinct_numbers_round_the_clock_and_are_hardly_called()
    {
        var actors = Sample.SuspectsByActor(FraudKind.Simbox).ToList();

        Assert.That(actors, Has.Count.EqualTo(2));
        foreach (var actor in actors)
        {
            var sims = actor.ToHashSet();
            var outbound = Sample.Originals.Where(c => sims.Contains(c.Caller)).ToList();
            var inbound = Sample.Originals.Count(c => sims.Contains(c.Callee));

            Assert.That(sims, Has.Count.InRange(8, 32), actor.Key);
            Assert.That(outbound.Select(c => c.Imei).Distinct().Count(), Is.InRange(1, 2), $"{actor.Key}: SIMs share one or two IMEIs");
            Assert.That(outbound.Select(c => c.CellId).Distinct().Count(), Is.EqualTo(1), $"{actor.Key}: one static cell");
            Assert.That(inbound, Is.LessThan(outbound.Count * 0.02), $"{actor.Key}: almost no inbound");
            Assert.That(outbound.Select(c => c.Hour).Distinct().Count(), Is.EqualTo(24), $"{actor.Key}: active round the clock");
            foreach (var sim in outbound.GroupBy(c => c.Caller))
                Assert.That(sim.Select(c => c.Callee).Distinct().Count(), Is.GreaterThan(sim.Count() * 0.9), $"{sim.Key} calls distinct numbers");
        }
    }
}
