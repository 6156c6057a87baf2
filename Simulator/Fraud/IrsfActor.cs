using FraudStream.Simulator.Population;
using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// International revenue share fraud: a hijacked subscriber SIM (cloned, or stolen with its phone) calls a few
/// premium-rate numbers in small-island and satellite ranges, back to back, for up to an hour each, mostly at
/// night while the owner sleeps. It shows up in a handset and a cell the owner never used.
/// </summary>
internal sealed class IrsfActor : FraudActor
{
    private const int NightEndHour = 5;
    private const long SessionMs = 5 * SimClock.MsPerHour;

    private readonly ulong _sim;
    private readonly ulong[] _destinations;
    private readonly ulong _imei;
    private readonly uint _cell;

    public IrsfActor(World world, int index, double intensity)
        : base(world, FraudKind.Irsf, index, intensity)
    {
        _sim = world.Subscribers.Numbers[world.Recruit()];
        _destinations = new ulong[Rng.Between(3, 8)];
        for (var i = 0; i < _destinations.Length; i++)
            _destinations[i] = world.Plan.NewForeign(world.Plan.PremiumRate, Rng);
        _imei = Imei.Handset(Rng);
        _cell = world.AnyCell();
    }

    protected override long FirstEpisode() => Night((long)(0.02 * World.HorizonMs), (long)(0.7 * World.HorizonMs));

    protected override long NextEpisode(long lastEvent) => Night(lastEvent + (12 * SimClock.MsPerHour), lastEvent + (36 * SimClock.MsPerHour));

    protected override void PlanEpisode(long start)
    {
        // A session: a few simultaneous lines (cloned SIMs allow it), each calling back to back, until the
        // planned number of calls is made or morning comes.
        var suspect = Suspect(_sim);
        var end = start + SessionMs;
        var calls = Scaled(Rng.Between(10, 40));
        var lines = Rng.Between(2, 4);
        for (var line = 0; line < lines; line++)
        {
            var t = start + (long)(Rng.NextDouble() * 120_000);
            for (var n = 0; n < (calls + lines - 1) / lines && t < end; n++)
                t = AddCall(t, suspect);
        }
    }

    /// <summary>Adds one call at <paramref name="t"/>; returns when the line is free for the next one.</summary>
    private long AddCall(long t, int suspect)
    {
        var destination = _destinations[Rng.Next(_destinations.Length)];
        var r = new CallRecord
        {
            TimeMs = t,
            Caller = _sim,
            Callee = destination,
            Imei = _imei,
            CellId = _cell,
            CallerTruth = suspect,
            CalleeTruth = Suspect(destination),
        };
        // Premium lines answer at once and cut at 60 minutes.
        if (Rng.Chance(0.97))
            CallOutcome.Answered(ref r, Rng.Between(500, 4000), Math.Clamp((int)Rng.LogNormal(1500, 0.5), 60, 3600));
        else
            CallOutcome.Unanswered(ref r, Rng);
        Add(r);
        return t + r.RingMs + (r.DurationSec * 1000L) + (long)(Rng.Uniform(5, 90) * 1000);
    }

    // 80 % of sessions start between midnight and 05:00; the rest at any hour.
    private long Night(long from, long to)
        => Rng.Chance(0.8) ? World.MomentBetween(from, to, 0, NightEndHour) : from + (long)(Rng.NextDouble() * (to - from));
}
