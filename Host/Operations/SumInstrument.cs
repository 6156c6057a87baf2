using System.Diagnostics.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>Counter and UpDownCounter: the sum of every measurement per tag set, exact for integer instruments.</summary>
internal sealed class SumInstrument(Instrument instrument, MetricType type, bool integer, long sequence)
    : SeriesInstrument<SumInstrument.Series>(instrument, type, sequence)
{
    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => Interlocked.Add(ref SeriesFor(tags).Integer, value);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => AtomicDouble.Add(ref SeriesFor(tags).Real, value);

    protected override Series NewSeries() => new();

    protected override void Write(PrometheusText text, string labels, Series series, long generation)
    {
        if (integer)
            text.Sample(Name, labels, Volatile.Read(ref series.Integer));
        else
            text.Sample(Name, labels, Volatile.Read(ref series.Real));
    }

    /// <summary>The running sum of one tag set.</summary>
    internal sealed class Series
    {
#pragma warning disable CA1051 // fields, so that Interlocked can update them in place
        public long Integer;
        public double Real;
#pragma warning restore CA1051
    }
}
