using FraudStream.Simulator.Population;
using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// Heavy but ordinary callers (a shop owner, a sales rep): dozens of calls a day, in office hours, to the same
/// circle of their own contacts, mostly answered. Many calls and some repeats, but never strangers.
/// </summary>
internal sealed class HeavyCallerCalls(World world, SubscriberGroup callers, double perDay) : PoissonSource(world, perDay, Rhythm.Business)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var rng = w.Rng;
        var caller = callers.Members[rng.Next(callers.Members.Length)];
        r.Caller = w.Subscribers.Numbers[caller];
        r.Callee = w.Subscribers.Numbers[w.Subscribers.PickContact(caller, rng)];
        w.StampDevice(ref r, caller);
        CallOutcome.Voice(ref r, rng, answerRate: w.Variation.Answer(0.7), medianSec: 60 * w.Variation.CallLength, sigma: 1.0);
    }
}
