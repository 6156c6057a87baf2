namespace FraudStream.Simulator.Tests.Legitimate;

/// <summary>Legitimate traffic that looks like fraud at first sight, and must not be in the ground truth.</summary>
[TestFixture]
public sealed class LookAlikeTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Family_abroad_make_long_answered_international_calls_like_scams_but_recur_and_are_not_fraud()
    {
        var truth = Sample.AllTruthNumbers();
        var families = Sample.World.Families;
        var relatives = Enumerable.Range(0, families.Members.Length).SelectMany(slot => families.RelativesOf(slot).ToArray()).Select(n => "+" + n).ToHashSet();
        var longCalls = Sample.Originals
            .Where(c => c.Answered && c.DurationSec >= 600 && (relatives.Contains(c.Caller) || relatives.Contains(c.Callee)))
            .Select(c => relatives.Contains(c.Caller) ? c.Caller : c.Callee)
            .ToList();

        Assert.That(relatives, Has.None.StartWith("+86"));
        Assert.That(longCalls.Distinct().Count(), Is.GreaterThan(100), "foreign numbers in long answered calls");
        Assert.That(longCalls.GroupBy(n => n).Count(g => g.Count() >= 2), Is.GreaterThan(20), "relatives call again and again");
        Assert.That(relatives.Where(truth.Contains), Is.Empty, "and they are not fraud");
    }

    [Test]
    public void Delivery_drivers_call_many_strangers_briefly_by_day_mostly_answered_and_are_not_fraud()
    {
        var truth = Sample.AllTruthNumbers();
        var firstDay = Sample.Originals.Where(c => c.StartTime.Day == SimulatedSample.StandardOptions.Start.Day && c.IsVoice).ToList();
        var fanOut = firstDay.GroupBy(c => c.Caller)
            .Where(g => !truth.Contains(g.Key) && g.Select(c => c.Callee).Distinct().Count() >= 40)
            .ToList();

        Assert.That(fanOut, Has.Count.GreaterThanOrEqualTo(20), "home numbers calling 40+ distinct numbers in a day, not fraud");
        foreach (var driver in fanOut)
        {
            Assert.That(driver.Count(c => c.Answered), Is.GreaterThan(driver.Count() * 0.6), $"{driver.Key} is mostly answered");
            Assert.That(driver.Count(c => c.Hour is >= 7 and < 21), Is.GreaterThan(driver.Count() * 0.8), $"{driver.Key} calls by day");
        }
    }

    [Test]
    public void Hotlines_receive_calls_from_hundreds_of_callers_and_are_not_fraud()
    {
        var truth = Sample.AllTruthNumbers();
        var popular = Sample.Originals.Where(c => c.IsVoice).GroupBy(c => c.Callee)
            .Where(g => g.Select(c => c.Caller).Distinct().Count() >= 100).Select(g => g.Key).ToList();

        Assert.That(popular, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(popular.Where(truth.Contains), Is.Empty);
    }
}
