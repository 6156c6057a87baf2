using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class HarassmentTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Harassment_is_one_caller_repeatedly_calling_one_callee_for_hours_mostly_unanswered_or_short()
    {
        var victims = Sample.Numbers(FraudKind.Harassment, TruthRole.Victim);
        var actors = Sample.SuspectsByActor(FraudKind.Harassment).ToList();

        Assert.That(actors, Has.Count.EqualTo(3));
        foreach (var actor in actors)
        {
            var caller = actor.Single();
            var contacts = Sample.Originals.Where(c => c.Caller == caller && victims.Contains(c.Callee)).ToList();
            var callee = contacts.Select(c => c.Callee).Distinct().ToList();
            var span = contacts.Max(c => c.StartTime) - contacts.Min(c => c.StartTime);
            var shortOrMissed = contacts.Count(c => c.IsSms || !c.Answered || c.DurationSec < 60);

            Assert.That(callee, Has.Count.EqualTo(1), $"{caller} harasses one person");
            Assert.That(contacts, Has.Count.GreaterThanOrEqualTo(8), caller);
            Assert.That(span, Is.GreaterThan(TimeSpan.FromHours(2)), caller);
            Assert.That(shortOrMissed, Is.GreaterThanOrEqualTo(contacts.Count * 0.8), caller);
        }
    }
}
