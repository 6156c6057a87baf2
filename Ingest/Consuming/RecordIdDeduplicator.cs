namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Remembers record-id hashes of one partition for at least <c>window</c> (at most twice that), in two
/// generations that rotate, so a redelivered CDR is recognised without unbounded memory. A generation also
/// rotates early when it holds half of <c>maxEntries</c>, which bounds memory under any rate; at extreme
/// rates the effective window then shrinks rather than memory growing. Redeliveries of one record share
/// its key and so its partition: per-partition state is enough.
/// </summary>
internal sealed class RecordIdDeduplicator
{
    private readonly long _windowMs;
    private readonly int _generationLimit;
    private HashSet<ulong> _current = [];
    private HashSet<ulong> _previous = [];
    private long _generationStartMs = long.MinValue;

    public RecordIdDeduplicator(TimeSpan window, int maxEntries)
    {
        _windowMs = (long)window.TotalMilliseconds;
        _generationLimit = maxEntries / 2;
    }

    /// <summary>True when <paramref name="recordHash"/> was seen in the window; otherwise remembers it.</summary>
    public bool IsDuplicate(ulong recordHash, long nowMs)
    {
        if (_windowMs <= 0 || _generationLimit <= 0)
            return false;

        if (nowMs - _generationStartMs >= _windowMs || _current.Count >= _generationLimit)
            Rotate(nowMs);

        return _previous.Contains(recordHash) || !_current.Add(recordHash);
    }

    public int Count => _current.Count + _previous.Count;

    private void Rotate(long nowMs)
    {
        // Both sets keep their capacity: after warm-up a rotation allocates nothing.
        var idleTooLong = nowMs - _generationStartMs >= 2 * _windowMs;
        (_previous, _current) = (_current, _previous);
        _current.Clear();
        if (idleTooLong)
            _previous.Clear();
        _generationStartMs = nowMs;
    }
}
