using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// Calls between people who do not know each other (a wrong number, a classified ad, a plumber), within the
/// network, out to other networks and in from them. Answered less often and shorter than calls to contacts.
/// </summary>
internal sealed class StrangerCalls(World world, double perDay) : PoissonSource(world, perDay, Rhythm.Residential)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var rng = w.Rng;
        var roll = rng.NextDouble();
        if (roll < 0.85)
        {
            var caller = w.Subscribers.PickActive(rng);
            r.Caller = w.Subscribers.Numbers[caller];
            // Within the network (60 %) or to another network's mobile (25 %).
            r.Callee = roll < 0.60 ? w.Subscribers.Numbers[w.Subscribers.PickAny(rng)] : w.Plan.AnyMobile(rng);
            w.StampDevice(ref r, caller);
        }
        else
        {
            // In from another network: the home network knows neither handset nor cell.
            r.Caller = w.Plan.AnyMobile(rng);
            r.Callee = w.Subscribers.Numbers[w.Subscribers.PickAny(rng)];
        }

        CallOutcome.Voice(ref r, rng, answerRate: w.Variation.Answer(0.45), medianSec: 40 * w.Variation.CallLength, sigma: 1.0);
        r.CliRestricted = rng.Chance(0.01);
    }
}
