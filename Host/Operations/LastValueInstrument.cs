using System.Diagnostics.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>
/// Gauge and the observable instruments: the last value per tag set. Observable ones report their current (for
/// ObservableCounter, cumulative) values when the collector polls them at a scrape; a tag set the callback no
/// longer reports (a revoked partition's lag) is left out of that scrape.
/// </summary>
internal sealed class LastValueInstrument(Instrument instrument, MetricType type, MetricsCollector? poller, long sequence)
    : SeriesInstrument<LastValueInstrument.Series>(instrument, type, sequence)
{
    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => Record((double)value, tags);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = SeriesFor(tags);
        Volatile.Write(ref series.Value, value);
        if (poller is not null)
            Volatile.Write(ref series.Generation, poller.Generation);
    }

    protected override Series NewSeries() => new();

    protected override void Write(PrometheusText text, string labels, Series series, long generation)
    {
        if (poller is null || Volatile.Read(ref series.Generation) == generation)
            text.Sample(Name, labels, Volatile.Read(ref series.Value));
    }

    /// <summary>The last value of one tag set, and for observable instruments the scrape that reported it.</summary>
    internal sealed class Series
    {
#pragma warning disable CA1051 // fields, so that Volatile can access them in place
        public double Value;
        public long Generation;
#pragma warning restore CA1051
    }
}
