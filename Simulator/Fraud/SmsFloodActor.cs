using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// SMS flooding (spam or smishing): one sender texting hundreds of distinct subscribers within a few minutes.
/// Each flood uses a fresh sender (a bought SIM, or a hijacked subscriber's), as the last one gets blocked.
/// </summary>
internal sealed class SmsFloodActor(World world, int index, double intensity) : FraudActor(world, FraudKind.SmsFlood, index, intensity)
{
    private const int FirstHour = 8;
    private const int EndHour = 22;

    private readonly HashSet<int> _recipients = [];

    protected override long FirstEpisode()
        => World.MomentBetween((long)(0.05 * World.HorizonMs), (long)(0.85 * World.HorizonMs), FirstHour, EndHour);

    protected override long NextEpisode(long lastEvent)
        => World.MomentBetween(lastEvent + (4 * SimClock.MsPerHour), lastEvent + (30 * SimClock.MsPerHour), FirstHour, EndHour);

    protected override void PlanEpisode(long start)
    {
        var onNet = Rng.Chance(0.5) ? World.Recruit() : -1;
        var sender = onNet >= 0 ? World.Subscribers.Numbers[onNet] : World.Plan.NewMobile(Rng);
        var suspect = Suspect(sender);
        var count = Math.Min(Scaled(Rng.Between(200, 800)), World.Subscribers.Count / 2);
        var windowMs = Rng.Uniform(2, 10) * 60_000;

        _recipients.Clear();
        while (_recipients.Count < count)
        {
            var recipient = World.Subscribers.PickAny(Rng);
            if (!_recipients.Add(recipient))
                continue;
            var r = new CallRecord
            {
                TimeMs = start + (long)(Rng.NextDouble() * windowMs),
                Caller = sender,
                Callee = World.Subscribers.Numbers[recipient],
                CallerTruth = suspect,
            };
            if (onNet >= 0)
                World.StampDevice(ref r, onNet);
            CallOutcome.Sms(ref r);
            Add(r);
        }
    }
}
