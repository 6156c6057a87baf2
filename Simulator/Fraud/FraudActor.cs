using FraudStream.Simulator.Randomness;
using FraudStream.Simulator.Records;
using FraudStream.Simulator.Scheduling;
using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// One fraudster (a ring, a dialer, a SIM box). It plans an episode at a time (a campaign, a wave, a night's
/// pumping) as a list of records sorted by time, emits them one by one, and plans the next episode when the
/// list runs out. Fraud is a few percent of the traffic, so planning ahead costs nothing that matters.
/// </summary>
internal abstract class FraudActor : TrafficSource
{
    private readonly List<CallRecord> _plan = [];
    private int _next;
    private long _floor;

    protected FraudActor(World world, FraudKind kind, int index, double intensity)
    {
        World = world;
        Kind = kind;
        Intensity = intensity;
        ActorId = FraudKinds.Name(kind) + "-" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public FraudKind Kind { get; }

    public string ActorId { get; }

    protected World World { get; }

    protected Rng Rng => World.Rng;

    protected double Intensity { get; }

    /// <summary>Plans the first episode; called once the actor is fully built.</summary>
    public void Begin()
    {
        Replan(FirstEpisode(), floor: 0);
    }

    public sealed override void Emit(ref CallRecord record)
    {
        record = _plan[_next++];
        if (_next == _plan.Count)
            Replan(NextEpisode(record.TimeMs), floor: record.TimeMs);
        else
            NextTime = _plan[_next].TimeMs;
    }

    /// <summary>Simulated time the first episode starts at or after.</summary>
    protected abstract long FirstEpisode();

    /// <summary>Simulated time the episode after the one that ended at <paramref name="lastEvent"/> starts at or after.</summary>
    protected abstract long NextEpisode(long lastEvent);

    /// <summary>Adds the records of one episode starting at or after <paramref name="start"/>.</summary>
    protected abstract void PlanEpisode(long start);

    /// <summary>Adds one record to the episode being planned; never earlier than what was already emitted.</summary>
    protected void Add(in CallRecord record)
    {
        var r = record;
        if (r.TimeMs < _floor)
            r.TimeMs = _floor;
        _plan.Add(r);
    }

    protected int Suspect(ulong number) => World.Truth.Register(number, Kind, TruthRole.Suspect, ActorId);

    protected int Victim(ulong number) => World.Truth.Register(number, Kind, TruthRole.Victim, ActorId);

    /// <summary>Scales a base amount by the actor's intensity, at least 1.</summary>
    protected int Scaled(double amount) => Math.Max(1, (int)Math.Round(amount * Intensity));

    private void Replan(long start, long floor)
    {
        _plan.Clear();
        _next = 0;
        _floor = floor;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            PlanEpisode(start);
            if (_plan.Count > 0)
                break;
            start = NextEpisode(start);
        }

        if (_plan.Count == 0)
        {
            NextTime = long.MaxValue;
            return;
        }

        _plan.Sort(static (a, b) => a.TimeMs.CompareTo(b.TimeMs));
        NextTime = _plan[0].TimeMs;
    }
}
