using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class ScamTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Scam_is_a_first_time_international_number_holding_one_victim_on_a_long_answered_call()
    {
        // A scam that starts in the last 90 simulated minutes may not have reached its long call yet.
        var end = Sample.Originals[^1].StartTime - TimeSpan.FromMinutes(90);
        var suspects = Sample.Numbers(FraudKind.Scam, TruthRole.Suspect)
            .Where(n => Sample.Originals.First(c => c.Caller == n).StartTime < end).ToList();
        var victims = Sample.Numbers(FraudKind.Scam, TruthRole.Victim);

        Assert.That(suspects, Has.Count.GreaterThanOrEqualTo(5));
        foreach (var number in suspects)
        {
            var records = Sample.Originals.Where(c => c.Caller == number || c.Callee == number).ToList();
            var victim = records[0].Callee;
            var hook = records[^1];

            Assert.That(number, Does.Not.StartWith("+86"));
            Assert.That(records.Select(c => c.Caller), Has.All.EqualTo(number), "the scammer only calls out");
            Assert.That(records.Select(c => c.Callee), Has.All.EqualTo(victim), "one victim per number");
            Assert.That(victims, Does.Contain(victim));
            Assert.That(records, Has.Count.InRange(1, 4), "up to three short attempts, then the long call");
            Assert.That(hook.Answered, Is.True);
            Assert.That(hook.DurationSec, Is.InRange(600, 3600), "a 10 to 60 minute call");
            Assert.That(records.SkipLast(1).Select(c => c.DurationSec), Has.All.LessThan(60), "earlier attempts are short");
        }
    }
}
