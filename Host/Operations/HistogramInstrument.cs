using System.Diagnostics.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>
/// Histogram: a count per bucket (upper bounds inclusive, as Prometheus' <c>le</c>) and the sum, per tag set.
/// The exposed <c>_count</c> is the total of the buckets, so it always equals the <c>+Inf</c> bucket.
/// </summary>
internal sealed class HistogramInstrument : SeriesInstrument<HistogramInstrument.Series>
{
    private readonly double[] _bounds;
    private readonly string[] _le;

    public HistogramInstrument(Instrument instrument, double[] bounds, long sequence)
        : base(instrument, MetricType.Histogram, sequence)
    {
        _bounds = bounds;
        _le = new string[bounds.Length + 1];
        for (var i = 0; i < bounds.Length; i++)
            _le[i] = PrometheusText.FormatDouble(bounds[i]);
        _le[^1] = "+Inf";
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => Record((double)value, tags);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
            return;

        var bucket = 0;
        while (bucket < _bounds.Length && value > _bounds[bucket])
            bucket++;
        var series = SeriesFor(tags);
        Interlocked.Increment(ref series.Buckets[bucket]);
        AtomicDouble.Add(ref series.Sum, value);
    }

    protected override Series NewSeries() => new(_bounds.Length + 1);

    protected override void Write(PrometheusText text, string labels, Series series, long generation)
    {
        var cumulative = 0L;
        for (var i = 0; i < series.Buckets.Length; i++)
        {
            cumulative += Volatile.Read(ref series.Buckets[i]);
            text.Bucket(Name, labels, _le[i], cumulative);
        }

        text.Sample(Name + "_sum", labels, Volatile.Read(ref series.Sum));
        text.Sample(Name + "_count", labels, cumulative);
    }

    /// <summary>Bucket counts (not cumulative; the last is above every bound) and the sum of one tag set.</summary>
    internal sealed class Series(int buckets)
    {
#pragma warning disable CA1051 // fields, so that Interlocked can update them in place
        public readonly long[] Buckets = new long[buckets];
        public double Sum;
#pragma warning restore CA1051
    }
}
