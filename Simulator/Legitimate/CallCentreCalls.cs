using FraudStream.Simulator.Population;
using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// Outbound call centres on mobile lines (appointment reminders, surveys, sales): dozens of calls an hour to
/// strangers, in office hours only, from the office's one cell, about half answered and talked through for a
/// minute or two. The legitimate look-alike of robocalls and SIM boxes that couriers are not: it does not move.
/// </summary>
internal sealed class CallCentreCalls(World world, SubscriberGroup centres, double perDay) : PoissonSource(world, perDay, Rhythm.Business)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var rng = w.Rng;
        var centre = centres.Members[rng.Next(centres.Members.Length)];
        r.Caller = w.Subscribers.Numbers[centre];
        r.Callee = rng.Chance(0.8) ? w.Subscribers.Numbers[w.Subscribers.PickAny(rng)] : w.Plan.AnyMobile(rng);
        r.Imei = w.Subscribers.Imeis[centre];
        r.CellId = w.Subscribers.HomeCells[centre];
        CallOutcome.Voice(ref r, rng, answerRate: w.Variation.Answer(0.5), medianSec: 80 * w.Variation.CallLength, sigma: 0.8);
    }
}
