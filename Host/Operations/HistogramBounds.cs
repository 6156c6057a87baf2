using System.Diagnostics.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>Bucket upper bounds of a histogram: the instrument's own advice when it gives valid ones, else <see cref="Seconds"/>.</summary>
internal static class HistogramBounds
{
    /// <summary>Half a millisecond to ten seconds, for durations in seconds.</summary>
    public static IReadOnlyList<double> Seconds { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static double[] For(Instrument instrument)
    {
        var advised = instrument switch
        {
            Instrument<double> d => Convert(d.Advice?.HistogramBucketBoundaries),
            Instrument<float> f => Convert(f.Advice?.HistogramBucketBoundaries),
            Instrument<long> l => Convert(l.Advice?.HistogramBucketBoundaries),
            Instrument<int> i => Convert(i.Advice?.HistogramBucketBoundaries),
            _ => null,
        };
        return advised ?? [.. Seconds];
    }

    // InstrumentAdvice already rejects unsorted bounds; NaN and infinities are left out here (+Inf is always the last bucket).
    private static double[]? Convert<T>(IReadOnlyList<T>? bounds)
        where T : struct, IConvertible
    {
        if (bounds is null || bounds.Count == 0)
            return null;
        var result = new List<double>(bounds.Count);
        foreach (var bound in bounds)
        {
            var value = bound.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
            if (double.IsFinite(value))
                result.Add(value);
        }

        return result.Count == 0 ? null : [.. result];
    }
}
