using FraudStream.Simulator.Population;
using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// A SIM box (GSM gateway) bypassing international termination fees: a batch of consecutive prepaid SIMs in
/// one device (one or two IMEIs), in one place (one cell), calling many distinct home numbers round the clock
/// with short-to-medium calls, and almost never called back.
/// </summary>
internal sealed class SimboxActor : FraudActor
{
    private const double CallsPerHour = 300;

    private readonly ulong[] _sims;
    private readonly ulong[] _imeis;
    private readonly uint _cell;

    public SimboxActor(World world, int index, double intensity)
        : base(world, FraudKind.Simbox, index, intensity)
    {
        var first = world.Plan.NewMobile(Rng);
        var block = world.Plan.MobileBlockOf(first);
        var firstSuffix = first % Digits.Pow10(block.TotalDigits - block.PrefixDigits);
        var sims = new List<ulong> { first };
        var wanted = Rng.Between(8, 32);
        for (var suffix = firstSuffix + 1; sims.Count < wanted && suffix < firstSuffix + 200 && suffix < 10_000; suffix++)
        {
            var sim = block.At(suffix);
            if (world.Plan.Claim(sim))
                sims.Add(sim);
        }

        _sims = [.. sims];
        _imeis = new ulong[Rng.Chance(0.6) ? 1 : 2];
        for (var i = 0; i < _imeis.Length; i++)
            _imeis[i] = Imei.Gateway(Rng);
        _cell = world.AnyCell();
    }

    protected override long FirstEpisode() => (long)(Rng.NextDouble() * 0.2 * World.HorizonMs);

    protected override long NextEpisode(long lastEvent) => lastEvent + 1;

    protected override void PlanEpisode(long start)
    {
        // One hour of traffic at a rate that barely follows the day.
        var end = start + SimClock.MsPerHour;
        var gapMs = SimClock.MsPerHour / (CallsPerHour * Intensity * Rhythm.RoundTheClock.At(World.Clock.HourOf(start)));
        for (var t = start + (long)Rng.Exponential(gapMs); t < end; t += 1 + (long)Rng.Exponential(gapMs))
        {
            var slot = Rng.Next(_sims.Length);
            var subscriber = World.Subscribers.PickAny(Rng);
            var r = new CallRecord { TimeMs = t };
            if (Rng.Chance(0.005))
            {
                // A rare call back from someone the box called; the box does not pick up.
                r.Caller = World.Subscribers.Numbers[subscriber];
                r.Callee = _sims[slot];
                r.CalleeTruth = Suspect(_sims[slot]);
                World.StampDevice(ref r, subscriber);
                CallOutcome.Unanswered(ref r, Rng);
            }
            else
            {
                r.Caller = _sims[slot];
                r.Callee = World.Subscribers.Numbers[subscriber];
                r.CallerTruth = Suspect(_sims[slot]);
                r.Imei = _imeis[slot % _imeis.Length];
                r.CellId = _cell;
                CallOutcome.Voice(ref r, Rng, answerRate: 0.65, medianSec: 90, sigma: 0.7);
            }

            Add(r);
        }
    }
}
