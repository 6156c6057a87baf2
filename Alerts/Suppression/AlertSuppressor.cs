using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Suppression;

/// <summary>
/// At most one alert per (number, kind) per window of event time; the next alert after the window carries
/// how many were suppressed meanwhile. One per partition and stage: alerts are keyed by the number the
/// stage's partition owns, so the same records in the same order suppress alike on any instance. Event
/// time, not processing time, so a replay suppresses as the first run did. Memory is bounded: entries whose
/// window has passed with nothing suppressed are swept.
/// </summary>
public sealed class AlertSuppressor(TimeSpan window, int maxEntries = 1_000_000)
{
    private readonly long _windowMs = (long)window.TotalMilliseconds;
    private readonly Dictionary<(ulong Number, FraudKind Kind), Entry> _entries = [];
    private long _latestMs;
    private long _nextSweepMs;

    public int Count => _entries.Count;

    /// <summary>
    /// Whether an alert of <paramref name="kind"/> about <paramref name="number"/> at <paramref name="eventTimeMs"/>
    /// may go out; if so, <paramref name="suppressed"/> is how many were held back since the last one.
    /// </summary>
    public bool TryPass(ulong number, FraudKind kind, long eventTimeMs, out int suppressed)
    {
        suppressed = 0;
        if (_windowMs <= 0)
            return true;

        _latestMs = Math.Max(_latestMs, eventTimeMs);
        Sweep();
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_entries, (number, kind), out var exists);
        if (exists && eventTimeMs - entry.LastAlertMs < _windowMs)
        {
            entry.Suppressed++;
            return false;
        }

        suppressed = entry.Suppressed;
        entry = new Entry(eventTimeMs, 0);
        return true;
    }

    private void Sweep()
    {
        if (_latestMs < _nextSweepMs && _entries.Count < maxEntries)
            return;

        _nextSweepMs = _latestMs + _windowMs;
        var horizon = _latestMs - _windowMs;
        foreach (var (key, entry) in _entries)
        {
            // A pending suppressed count is kept for the next alert unless memory is at its bound.
            if (entry.LastAlertMs < horizon && (entry.Suppressed == 0 || _entries.Count >= maxEntries))
                _entries.Remove(key);
        }
    }

    private record struct Entry(long LastAlertMs, int Suppressed);
}
