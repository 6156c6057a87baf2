namespace FraudStream.Simulator.Output;

/// <summary>What a run emitted and how fast.</summary>
public readonly record struct RunSummary(long Records, long Duplicates, long Malformed, TimeSpan Elapsed, bool Stopped)
{
    /// <summary>Records per wall-clock second achieved.</summary>
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Records / Elapsed.TotalSeconds : 0;
}
