using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// Calls to and from family abroad: the same few foreign numbers, again and again, long and answered. From the
/// network's side an incoming one looks like a scam call (international, long) except that it recurs.
/// </summary>
internal sealed class FamilyAbroadCalls(World world, double perDay) : PoissonSource(world, perDay, Rhythm.Family)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var rng = w.Rng;
        var slot = rng.Next(w.Families.Members.Length);
        var member = w.Families.Members[slot];
        var relatives = w.Families.RelativesOf(slot);
        var relative = relatives[rng.Next(relatives.Length)];
        if (rng.Chance(0.55))
        {
            r.Caller = w.Subscribers.Numbers[member];
            r.Callee = relative;
            w.StampDevice(ref r, member);
        }
        else
        {
            r.Caller = relative;
            r.Callee = w.Subscribers.Numbers[member];
        }

        CallOutcome.Voice(ref r, rng, answerRate: w.Variation.Answer(0.85), medianSec: 900 * w.Variation.CallLength, sigma: 0.7);
    }
}
