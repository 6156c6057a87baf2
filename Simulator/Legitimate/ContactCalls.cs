using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>People calling people they know: most of the voice traffic, mostly answered, a minute or two.</summary>
internal sealed class ContactCalls(World world, double perDay) : PoissonSource(world, perDay, Rhythm.Residential)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var caller = w.Subscribers.PickActive(w.Rng);
        r.Caller = w.Subscribers.Numbers[caller];
        r.Callee = w.Subscribers.Numbers[w.Subscribers.PickContact(caller, w.Rng)];
        w.StampDevice(ref r, caller);
        CallOutcome.Voice(ref r, w.Rng, answerRate: w.Variation.Answer(0.78), medianSec: 75 * w.Variation.CallLength, sigma: 1.1);
        r.CliRestricted = w.Rng.Chance(0.002);
    }
}
