using FraudStream.Simulator.Records;
using FraudStream.Simulator.Scheduling;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Legitimate;

/// <summary>A stream of independent events at a daily volume shaped by a <see cref="Rhythm"/>.</summary>
internal abstract class PoissonSource : TrafficSource
{
    private readonly Rhythm _rhythm;

    protected PoissonSource(World world, double perDay, Rhythm rhythm)
    {
        World = world;
        PerDay = perDay;
        _rhythm = rhythm;
        NextTime = Arrivals.Next(world.Clock, world.Rng, rhythm, 0, perDay);
    }

    /// <summary>Events per simulated day, on average.</summary>
    public double PerDay { get; }

    protected World World { get; }

    public sealed override void Emit(ref CallRecord record)
    {
        Fill(ref record);
        NextTime = Arrivals.Next(World.Clock, World.Rng, _rhythm, NextTime, PerDay);
    }

    /// <summary>Fills everything but the time, which is already set.</summary>
    protected abstract void Fill(ref CallRecord r);
}
