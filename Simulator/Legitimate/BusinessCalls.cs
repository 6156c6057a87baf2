using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// Subscribers calling businesses and hotlines in office hours: answered fast by an IVR or an agent, a few
/// minutes long. Each hotline receives calls from very many distinct callers.
/// </summary>
internal sealed class BusinessCalls(World world, double perDay) : PoissonSource(world, perDay, Rhythm.Business)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var rng = w.Rng;
        var caller = w.Subscribers.PickActive(rng);
        r.Caller = w.Subscribers.Numbers[caller];
        r.Callee = w.Businesses.Pick(rng);
        w.StampDevice(ref r, caller);
        if (rng.Chance(w.Variation.Answer(0.94)))
            CallOutcome.Answered(ref r, ringMs: rng.Between(500, 5000), durationSec: (int)rng.LogNormal(170 * w.Variation.CallLength, 0.8));
        else
            CallOutcome.Unanswered(ref r, rng);
    }
}
