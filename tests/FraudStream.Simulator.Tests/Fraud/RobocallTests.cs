namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class RobocallTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Robocalls_fan_out_in_office_hours_at_regular_spacing_with_few_answers()
    {
        var actors = Sample.SuspectsByActor(FraudKind.Robocall).ToList();

        Assert.That(actors, Has.Count.EqualTo(2));
        foreach (var actor in actors)
        {
            var number = actor.Single();
            var calls = Sample.Originals.Where(c => c.Caller == number).ToList();
            var gaps = calls.Zip(calls.Skip(1)).Select(p => (p.Second.StartTime - p.First.StartTime).TotalSeconds).Where(g => g < 3600).ToList();
            var mean = gaps.Average();
            var deviation = Math.Sqrt(gaps.Average(g => (g - mean) * (g - mean)));

            Assert.That(calls, Has.Count.GreaterThan(1000), number);
            Assert.That(calls.Select(c => c.Callee).Distinct().Count(), Is.GreaterThan(calls.Count * 0.85), $"{number} fans out");
            Assert.That(calls.Count(c => c.Answered), Is.LessThan(calls.Count * 0.25), $"{number} is rarely answered");
            Assert.That(calls.Select(c => c.Hour), Has.All.InRange(9, 17), $"{number} dials in office hours");
            Assert.That(deviation / mean, Is.LessThan(0.1), $"{number} dials at machine-regular spacing (mean gap {mean:F1} s)");
        }
    }
}
