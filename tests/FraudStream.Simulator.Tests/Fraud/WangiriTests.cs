using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class WangiriTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Wangiri_numbers_are_international_and_ring_many_subscribers_once_unanswered_under_3_seconds()
    {
        var actors = Sample.SuspectsByActor(FraudKind.Wangiri).ToList();

        Assert.That(actors, Has.Count.EqualTo(2));
        foreach (var actor in actors)
        {
            var numbers = actor.ToHashSet();
            var rings = Sample.Originals.Where(c => numbers.Contains(c.Caller)).ToList();
            Assert.That(numbers, Has.None.StartWith("+86"), actor.Key);
            Assert.That(rings, Has.Count.GreaterThan(200), actor.Key);
            Assert.That(rings.Select(c => c.Callee).Distinct().Count(), Is.GreaterThan(rings.Count * 0.9), $"{actor.Key} rings distinct subscribers");
            Assert.That(rings.Where(c => !c.IsVoice || c.Answered || c.DurationSec != 0 || c.RingSec >= 3), Is.Empty, $"{actor.Key} one ring, under 3 s, unanswered");
        }
    }

    [Test]
    public void Wangiri_victims_are_subscribers_who_called_a_number_back_after_it_rang_them()
    {
        var numbers = Sample.Numbers(FraudKind.Wangiri, TruthRole.Suspect);
        var victims = Sample.Numbers(FraudKind.Wangiri, TruthRole.Victim);
        var callBacks = Sample.Originals.Where(c => victims.Contains(c.Caller) && numbers.Contains(c.Callee)).ToList();

        Assert.That(victims, Is.Not.Empty);
        Assert.That(callBacks.Select(c => c.Caller).Distinct(), Is.EquivalentTo(victims));
        foreach (var back in callBacks)
        {
            Assert.That(back.Answered, Is.True, "the premium line answers");
            Assert.That(Sample.Originals.Any(c => c.Caller == back.Callee && c.Callee == back.Caller && c.StartTime < back.StartTime), Is.True,
                $"{back.Caller} was rung by {back.Callee} before calling back");
        }
    }
}
