using System.Diagnostics.Metrics;

namespace FraudStream.Host.Operations;

/// <summary>
/// Listens to every instrument of the meters whose name starts with a prefix (<c>FraudStream</c>) and keeps their
/// current values for <c>/metrics</c>: sums of counters, last values of gauges, bucket counts of histograms.
/// Recording a measurement of a tag set seen before allocates nothing and takes no lock; observable instruments
/// are polled by <see cref="Scrape"/>.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    public const string DefaultMeterPrefix = "FraudStream";

    private readonly MeterListener _listener = new();
    private readonly string _meterPrefix;
    private readonly List<InstrumentState> _instruments = [];
    private readonly Lock _scrapeGate = new();
    private long _sequence;
    private long _generation;

    public MetricsCollector(string meterPrefix = DefaultMeterPrefix)
    {
        _meterPrefix = meterPrefix;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>The scrape in progress; observable measurements are stamped with it.</summary>
    internal long Generation => Volatile.Read(ref _generation);

    /// <summary>Polls the observable instruments and renders every exported value in the Prometheus text format 0.0.4.</summary>
    public string Scrape()
    {
        lock (_scrapeGate)
        {
            var generation = Interlocked.Increment(ref _generation);
            AggregateException? failed = null;
            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException e)
            {
                failed = e;
            }

            InstrumentState[] instruments;
            lock (_instruments)
                instruments = [.. _instruments];
            Array.Sort(instruments, static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : a.Sequence.CompareTo(b.Sequence));

            var text = new PrometheusText();
            for (var i = 0; i < instruments.Length; i++)
            {
                var instrument = instruments[i];
                var first = i == 0 || instruments[i - 1].Name != instrument.Name;
                if (first)
                    text.Family(instrument.Name, instrument.Instrument.Description, instrument.Type);
                else if (instrument.Type != FamilyType(instruments, i))
                    continue; // one name, two kinds: the first published wins, mixing would break the family

                instrument.Write(text, generation);
            }

            if (failed is not null)
                text.Comment($"fraudstream: {failed.InnerExceptions.Count} observable instrument callback(s) failed, their values are missing: {failed.InnerExceptions[0].Message}");
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static MetricType FamilyType(InstrumentState[] sorted, int index)
    {
        while (index > 0 && sorted[index - 1].Name == sorted[index].Name)
            index--;
        return sorted[index].Type;
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!instrument.Meter.Name.StartsWith(_meterPrefix, StringComparison.Ordinal))
            return;
        var state = InstrumentState.Create(instrument, this, Interlocked.Increment(ref _sequence));
        if (state is null)
            return;

        lock (_instruments)
            _instruments.Add(state);
        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        lock (_instruments)
            _instruments.Remove((InstrumentState)state!);
    }
}
