using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Tests.Fraud;

/// <summary>The truth says when each number's fraud began: what evaluate measures time to the first alert from.</summary>
[TestFixture]
public sealed class FraudStartTests
{
    [Test]
    public void Each_suspects_fraud_starts_at_its_first_record_in_that_role_and_a_hijacked_line_had_calls_before()
    {
        var sample = SimulatedSample.Standard;
        var start = SimulatedSample.StandardOptions.Start;
        var ownerCalledFirst = 0;
        // The hijacked home SIMs (the premium destinations are suspects too, but only ever called).
        foreach (var entry in sample.Truth.Where(t => t.Role == TruthRole.Suspect && t.Kind == FraudKind.Irsf && t.E164.StartsWith("+86", StringComparison.Ordinal)))
        {
            var number = entry.E164;
            var fraudStart = start.AddMilliseconds(entry.FirstSeenMs);
            var first = sample.Originals.First(c => c.Caller == number).StartTime;

            Assert.That(sample.Originals.Any(c => c.Caller == number && c.StartTime == fraudStart), Is.True, $"{number}: a record at its fraud start");
            Assert.That(first, Is.LessThanOrEqualTo(fraudStart), number);
            ownerCalledFirst += first < fraudStart ? 1 : 0;
        }

        Assert.That(ownerCalledFirst, Is.GreaterThan(0), "a hijacked subscriber line calls as its owner before the fraud");
    }
}
