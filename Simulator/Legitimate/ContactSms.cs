using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>Texts between people who know each other: almost all person-to-person SMS.</summary>
internal sealed class ContactSms(World world, double perDay) : PoissonSource(world, perDay, Rhythm.Residential)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var sender = w.Subscribers.PickActive(w.Rng);
        r.Caller = w.Subscribers.Numbers[sender];
        r.Callee = w.Subscribers.Numbers[w.Subscribers.PickContact(sender, w.Rng)];
        w.StampDevice(ref r, sender);
        CallOutcome.Sms(ref r);
    }
}
