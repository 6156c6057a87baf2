using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>Bank, courier and app notifications: a few senders texting many subscribers, spread over the day.</summary>
internal sealed class ServiceSms(World world, double perDay) : PoissonSource(world, perDay, Rhythm.Business)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var rng = w.Rng;
        var senders = w.ServiceSenders;
        // Zipf-ish: the first senders (big banks, the biggest courier) send most messages.
        var u = rng.NextDouble();
        r.Caller = senders[(int)(senders.Length * u * u)];
        r.Callee = w.Subscribers.Numbers[w.Subscribers.PickActive(rng)];
        CallOutcome.Sms(ref r);
    }
}
