using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>
/// Couriers calling the next customer on the round: many distinct strangers a day, daytime only, short calls,
/// mostly answered (the customer is waiting for the parcel). High fan-out that is not fraud.
/// </summary>
internal sealed class DeliveryDriverCalls(World world, double perDay) : PoissonSource(world, perDay, Rhythm.Delivery)
{
    protected override void Fill(ref CallRecord r)
    {
        var w = World;
        var rng = w.Rng;
        var driver = w.Drivers.Members[rng.Next(w.Drivers.Members.Length)];
        r.Caller = w.Subscribers.Numbers[driver];
        r.Callee = w.Subscribers.Numbers[w.Subscribers.PickAny(rng)];
        r.Imei = w.Subscribers.Imeis[driver];
        // On the move: any cell near the depot.
        r.CellId = w.NearbyCell(w.Subscribers.HomeCells[driver]);
        CallOutcome.Voice(ref r, rng, answerRate: w.Variation.Answer(0.85), medianSec: 30 * w.Variation.CallLength, sigma: 0.5);
    }
}
