using FraudStream.Simulator.Records;

namespace FraudStream.Simulator.Scheduling;

/// <summary>Anything that makes events: a kind of legitimate traffic, or one fraud actor.</summary>
internal abstract class TrafficSource
{
    /// <summary>Simulated time of this source's next event; <see cref="long.MaxValue"/> when it has no more.</summary>
    public long NextTime { get; protected set; }

    /// <summary>Tie-breaker between sources with the same <see cref="NextTime"/>, so the order never depends on the heap.</summary>
    public int Order { get; set; }

    /// <summary>Fills <paramref name="record"/> (already cleared) with the event due at <see cref="NextTime"/>, then advances <see cref="NextTime"/>.</summary>
    public abstract void Emit(ref CallRecord record);
}
