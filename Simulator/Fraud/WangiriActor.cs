using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// Wangiri ("one ring and cut"): a few numbers in an odd international range ring many subscribers once,
/// under 3 s, never waiting for an answer, in campaigns of tens of minutes. A few subscribers call back and
/// pay premium rates: they are the victims.
/// </summary>
internal sealed class WangiriActor : FraudActor
{
    private const double CallsPerMinute = 5;
    private const double CallBackRate = 0.03;

    private readonly ulong[] _numbers;
    private readonly int[] _truth;

    public WangiriActor(World world, int index, double intensity)
        : base(world, FraudKind.Wangiri, index, intensity)
    {
        // Rings use a short run of consecutive numbers of one range, as bought from a carrier.
        var first = world.Plan.NewForeign(world.Plan.Wangiri, Rng);
        var count = Rng.Between(1, 3);
        var numbers = new List<ulong> { first };
        for (var n = first + 1; numbers.Count < count && n < first + 10; n++)
        {
            if (world.Plan.Claim(n))
                numbers.Add(n);
        }

        _numbers = [.. numbers];
        _truth = new int[_numbers.Length];
        for (var i = 0; i < _numbers.Length; i++)
            _truth[i] = Suspect(_numbers[i]);
    }

    protected override long FirstEpisode() => (long)(Rng.NextDouble() * 0.3 * World.HorizonMs);

    protected override long NextEpisode(long lastEvent) => lastEvent + (long)(Rng.Uniform(1, 4) * SimClock.MsPerHour);

    protected override void PlanEpisode(long start)
    {
        var end = start + (long)Rng.Uniform(20, 60) * 60_000;
        var gapMs = 60_000 / (CallsPerMinute * Intensity);
        for (var t = start + (long)Rng.Exponential(gapMs); t < end; t += 1 + (long)Rng.Exponential(gapMs))
        {
            var which = Rng.Next(_numbers.Length);
            var victim = World.Subscribers.PickAny(Rng);
            var ring = new CallRecord
            {
                TimeMs = t,
                Caller = _numbers[which],
                Callee = World.Subscribers.Numbers[victim],
                Type = CallType.Voice,
                RingMs = Rng.Between(400, 2900),
                CallerTruth = _truth[which],
            };
            Add(ring);

            if (Rng.Chance(CallBackRate))
                AddCallBack(t, victim, which);
        }
    }

    private void AddCallBack(long rangAt, int victim, int which)
    {
        var back = new CallRecord
        {
            TimeMs = rangAt + (long)Rng.Uniform(1, 40) * 60_000,
            Caller = World.Subscribers.Numbers[victim],
            Callee = _numbers[which],
            CallerTruth = Victim(World.Subscribers.Numbers[victim]),
            CalleeTruth = _truth[which],
        };
        World.StampDevice(ref back, victim);
        // The premium line answers at once and keeps the caller listening.
        CallOutcome.Answered(ref back, Rng.Between(1000, 4000), (int)Rng.LogNormal(70, 0.6));
        Add(back);
    }
}
