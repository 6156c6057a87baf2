using System.Diagnostics.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>
/// What <see cref="MetricsCollector"/> keeps of one instrument: its Prometheus name and type and a series per tag
/// set. It is the state object the <see cref="MeterListener"/> hands back with every measurement.
/// </summary>
internal abstract class InstrumentState(Instrument instrument, MetricType type, long sequence)
{
    public Instrument Instrument { get; } = instrument;

    public MetricType Type { get; } = type;

    /// <summary>The Prometheus family name (<see cref="PrometheusNames.Metric"/>).</summary>
    public string Name { get; } = PrometheusNames.Metric(instrument.Name, instrument.Unit, type);

    /// <summary>Publication order, to order instruments that share a family name.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Records a measurement of an integer instrument (byte, short, int, long).</summary>
    public abstract void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Records a measurement of a floating-point instrument (float, double, decimal).</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Writes this instrument's samples; observable ones only if observed in scrape <paramref name="generation"/>.</summary>
    public abstract void Write(PrometheusText text, long generation);

    /// <summary>The state for an instrument, or null for a kind this collector does not export.</summary>
    public static InstrumentState? Create(Instrument instrument, MetricsCollector collector, long sequence)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
            return null;

        var valueType = type.GetGenericArguments()[0];
        var integer = valueType == typeof(long) || valueType == typeof(int) || valueType == typeof(short) || valueType == typeof(byte);
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
            return new SumInstrument(instrument, MetricType.Counter, integer, sequence);
        if (definition == typeof(UpDownCounter<>))
            return new SumInstrument(instrument, MetricType.Gauge, integer, sequence);
        if (definition == typeof(Histogram<>))
            return new HistogramInstrument(instrument, HistogramBounds.For(instrument), sequence);
        if (definition == typeof(Gauge<>))
            return new LastValueInstrument(instrument, MetricType.Gauge, null, sequence);
        if (definition == typeof(ObservableCounter<>))
            return new LastValueInstrument(instrument, MetricType.Counter, collector, sequence);
        if (definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>))
            return new LastValueInstrument(instrument, MetricType.Gauge, collector, sequence);
        return null;
    }
}
