using System.Diagnostics.Metrics;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// Reads the consumer lag the pipeline reports to its meter (<c>fraudstream.consumer.lag</c>, exported on
/// <c>/metrics</c> as <c>fraudstream_consumer_lag</c>): a <see cref="MeterListener"/> of its own that polls the
/// observable instrument on demand, the way a scrape does, and sums the series of each stage.
/// </summary>
internal sealed class ConsumerLagReader : IDisposable
{
    public const string Instrument = "fraudstream.consumer.lag";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private long _caller;
    private long _callee;

    public ConsumerLagReader()
    {
        _listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Name == Instrument && instrument.Meter.Name.StartsWith("FraudStream", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument, null);
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>The lag of every partition the caller stage holds, and of the callee stage's (any other stage), now.</summary>
    public (long Caller, long Callee) Read()
    {
        lock (_gate)
        {
            (_caller, _callee) = (0, 0);
            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException)
            {
                // The pipeline's lag callback failed: what it reported is all there is, as on /metrics.
            }

            return (_caller, _callee);
        }
    }

    public void Dispose() => _listener.Dispose();

    // Called back on the thread of Read (under _gate) while RecordObservableInstruments polls.
    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "stage" && tag.Value is "caller")
            {
                _caller += value;
                return;
            }
        }

        _callee += value;
    }
}
