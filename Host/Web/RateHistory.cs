using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FraudStream.Alerts.Pipeline;

namespace FraudStream.Host.Web;

/// <summary>
/// The counters behind <c>/metrics</c> (<c>fraudstream.events</c> by stage, <c>fraudstream.decisions</c> by action,
/// <c>fraudstream.alerts</c> by kind, <c>fraudstream.blocked</c> by type (voice, sms), of meter <see cref="PipelineMetrics.MeterName"/>), listened to with a
/// <see cref="MeterListener"/> and sampled every <see cref="Interval"/> into the last hour of totals, so the page's
/// chart shows the same numbers Prometheus scrapes, from before the page was opened.
/// </summary>
internal sealed class RateHistory : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const int Kept = 1800; // an hour of samples

    private static readonly Dictionary<string, string> s_tagOf = new(StringComparer.Ordinal)
    {
        ["fraudstream.events"] = "stage",
        ["fraudstream.decisions"] = "action",
        ["fraudstream.alerts"] = "kind",
        ["fraudstream.blocked"] = "type",
    };

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly Queue<RateSample> _samples = new();
    private readonly ITimer _timer;
    private readonly TimeProvider _time;

    public RateHistory(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName && s_tagOf.ContainsKey(instrument.Name))
                listener.EnableMeasurementEvents(instrument, s_tagOf[instrument.Name]);
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
        _timer = _time.CreateTimer(static state => ((RateHistory)state!).Sample(), this, Interval, Interval);
    }

    /// <summary>The samples kept, oldest first.</summary>
    public IReadOnlyList<RateSample> Samples()
    {
        lock (_samples)
            return [.. _samples];
    }

    /// <summary>Takes a sample now (the timer does, every <see cref="Interval"/>).</summary>
    public void Sample()
    {
        var sample = new RateSample(_time.GetUtcNow().ToUnixTimeMilliseconds(), new SortedDictionary<string, long>(_totals, StringComparer.Ordinal));
        lock (_samples)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > Kept)
                _samples.Dequeue();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _listener.Dispose();
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? tagName)
    {
        var name = instrument.Name["fraudstream.".Length..];
        foreach (var tag in tags)
        {
            if (tag.Key == (string?)tagName)
            {
                name = name + "." + tag.Value;
                break;
            }
        }

        _totals.AddOrUpdate(name, value, (_, total) => total + value);
    }
}
