using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>
/// Explicit histogram buckets: an instrument's own advice (<see cref="InstrumentAdvice{T}.HistogramBucketBoundaries"/>)
/// when it gives one, else <see cref="Seconds"/>. OpenTelemetry's default buckets (0 to 10,000) suit milliseconds, and
/// FraudStream's durations are in seconds (<c>fraudstream.batch.duration</c>).
/// </summary>
internal static class HistogramBuckets
{
    /// <summary>Half a millisecond to ten seconds, for durations in seconds; <c>+Inf</c> is always the last bucket.</summary>
    public static IReadOnlyList<double> Seconds { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The view for <see cref="MeterProviderBuilder"/>: null (the SDK's own choice, so the advice) for anything but an unadvised histogram.</summary>
    public static MetricStreamConfiguration? View(Instrument instrument) => IsHistogram(instrument) && !HasAdvice(instrument)
        ? new ExplicitBucketHistogramConfiguration { Boundaries = [.. Seconds] }
        : null;

    private static bool IsHistogram(Instrument instrument)
        => instrument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Histogram<>);

    private static bool HasAdvice(Instrument instrument) => instrument switch
    {
        Instrument<double> d => d.Advice?.HistogramBucketBoundaries is { Count: > 0 },
        Instrument<float> f => f.Advice?.HistogramBucketBoundaries is { Count: > 0 },
        Instrument<long> l => l.Advice?.HistogramBucketBoundaries is { Count: > 0 },
        Instrument<int> i => i.Advice?.HistogramBucketBoundaries is { Count: > 0 },
        Instrument<short> s => s.Advice?.HistogramBucketBoundaries is { Count: > 0 },
        Instrument<byte> b => b.Advice?.HistogramBucketBoundaries is { Count: > 0 },
        _ => false,
    };
}
