namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Every latency of a run, kept exactly (a run has at most a few million) and sorted once for percentiles:
/// nearest-rank, so p99 of 100 values is the 99th smallest and a percentile is always a value that was seen.
/// </summary>
internal sealed class LatencyRecorder
{
    private long[] _micros = new long[1024];
    private bool _sorted = true;

    public int Count { get; private set; }

    public void Record(double milliseconds)
    {
        if (Count == _micros.Length)
            Array.Resize(ref _micros, _micros.Length * 2);
        _micros[Count++] = (long)Math.Round(milliseconds * 1000);
        _sorted = false;
    }

    /// <summary>The <paramref name="quantile"/> (0 &lt; q ≤ 1) in milliseconds, or NaN when nothing was recorded.</summary>
    public double Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (Count == 0)
            return double.NaN;
        if (!_sorted)
        {
            Array.Sort(_micros, 0, Count);
            _sorted = true;
        }

        var rank = (int)Math.Ceiling(quantile * Count);
        return _micros[Math.Clamp(rank, 1, Count) - 1] / 1000.0;
    }

    public LatencySummary Summarize() => new(Count, Percentile(0.5), Percentile(0.99), Percentile(0.999), Count == 0 ? double.NaN : Percentile(1));
}

/// <summary>Percentiles of one set of latencies, in milliseconds.</summary>
internal sealed record LatencySummary(int Samples, double P50Ms, double P99Ms, double P999Ms, double MaxMs);
