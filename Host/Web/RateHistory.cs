using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FraudStream.Alerts.Pipeline;

namespace FraudStream.Host.Web;

/// <summary>
/// The counters behind <c>/metrics</c> (<c>fraudstream.events</c> by stage, <c>fraudstream.decisions</c> by action,
/// <c>fraudstream.alerts</c> by kind, <c>fraudstream.blocked</c> by type (voice, sms), of meter <see cref="PipelineMetrics.MeterName"/>), listened to with a
/// <see cref="MeterListener"/> and sampled every <see cref="Interval"/>: the last hour at that step, the 23 hours before at
/// one sample a minute, so the page's chart shows the same numbers Prometheus scrapes over minutes or hours, from before
/// the page was opened (from when the process started: the history is in memory; Prometheus keeps the long view).
/// </summary>
internal sealed class RateHistory : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The longest window <see cref="Samples(TimeSpan)"/> covers.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    /// <summary>At most this many samples per answer: a day at 2 s would be 43,200 points for a chart 1,000 pixels wide.</summary>
    public const int MaxPoints = 360;

    private const int Kept = 1800; // an hour of samples at Interval
    private const int KeptCoarse = 23 * 60; // then one a minute
    private const long CoarseStepMs = 60_000;

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
    private readonly Queue<RateSample> _coarse = new();
    private long _lastCoarseMs;
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
    public IReadOnlyList<RateSample> Samples() => Samples(Longest);

    /// <summary>
    /// The samples of the last <paramref name="window"/> (from the one at or just before its start, so the first rate has one),
    /// oldest first, thinned evenly to at most <see cref="MaxPoints"/>; the latest is always included.
    /// </summary>
    public IReadOnlyList<RateSample> Samples(TimeSpan window)
    {
        var all = new List<RateSample>();
        lock (_samples)
        {
            all.AddRange(_coarse);
            all.AddRange(_samples);
        }

        if (all.Count == 0)
            return all;
        var from = all[^1].TimeMs - (long)window.TotalMilliseconds;
        var first = all.FindLastIndex(x => x.TimeMs <= from);
        var start = Math.Max(0, first);
        var count = all.Count - start;
        if (count <= MaxPoints)
            return all.GetRange(start, count);

        // Every k-th counted back from the latest, then the window's start: both ends stay exact.
        var step = (count + MaxPoints - 3) / (MaxPoints - 1);
        var thinned = new List<RateSample>(MaxPoints);
        for (var i = all.Count - 1; i > start; i -= step)
            thinned.Add(all[i]);
        thinned.Add(all[start]);
        thinned.Reverse();
        return thinned;
    }

    /// <summary>Takes a sample now (the timer does, every <see cref="Interval"/>).</summary>
    public void Sample()
    {
        var sample = new RateSample(_time.GetUtcNow().ToUnixTimeMilliseconds(), new SortedDictionary<string, long>(_totals, StringComparer.Ordinal));
        lock (_samples)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > Kept)
            {
                var old = _samples.Dequeue();
                if (_coarse.Count == 0 || old.TimeMs - _lastCoarseMs >= CoarseStepMs)
                {
                    _coarse.Enqueue(old);
                    _lastCoarseMs = old.TimeMs;
                }

                while (_coarse.Count > KeptCoarse)
                    _coarse.Dequeue();
            }
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
