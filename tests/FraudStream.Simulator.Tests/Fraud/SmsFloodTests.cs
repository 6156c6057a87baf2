namespace FraudStream.Simulator.Tests.Fraud;

[TestFixture]
public sealed class SmsFloodTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Sms_flood_sender_texts_hundreds_of_distinct_recipients_within_minutes()
    {
        var senders = Sample.Truth.Where(e => e.Kind == FraudKind.SmsFlood).Select(e => e.E164).ToList();

        Assert.That(senders, Has.Count.GreaterThanOrEqualTo(2));
        foreach (var sender in senders)
        {
            var texts = Sample.Originals.Where(c => c.Caller == sender && c.IsSms).OrderBy(c => c.StartTime).ToList();
            var burst = texts.Select((t, i) => texts.Skip(i).TakeWhile(u => u.StartTime - t.StartTime <= TimeSpan.FromMinutes(10)).Select(u => u.Callee).Distinct().Count()).Max();

            Assert.That(burst, Is.GreaterThanOrEqualTo(200), $"{sender}: distinct recipients within 10 minutes");
        }
    }
}
