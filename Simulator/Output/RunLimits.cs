namespace FraudStream.Simulator.Output;

/// <summary>When a run stops and how fast it goes.</summary>
/// <param name="Count">Records to emit (of every origin); null for no limit.</param>
/// <param name="Duration">Wall-clock time to run; null for no limit.</param>
/// <param name="Rate">Target records per second, paced by the wall clock; 0 for as fast as possible.</param>
public sealed record RunLimits(long? Count, TimeSpan? Duration, double Rate)
{
    /// <summary>How many records the run will emit, or a fair guess when only a duration bounds it.</summary>
    public long ExpectedRecords(long unbounded = 1_000_000)
        => Count ?? (Duration is { } d && Rate > 0 ? Math.Max(1, (long)(d.TotalSeconds * Rate)) : unbounded);

    /// <summary>The record count the run stops at: <see cref="Count"/>, or rate × duration when paced for a duration.</summary>
    public long Target => Count ?? (Duration is { } d && Rate > 0 ? Math.Max(1, (long)(d.TotalSeconds * Rate)) : long.MaxValue);
}
