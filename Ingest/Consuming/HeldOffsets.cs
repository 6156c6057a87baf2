namespace FraudStream.Ingest.Consuming;

/// <summary>
/// The offsets of the records a <see cref="SourceMerge"/> holds, in arrival (= offset) order, released in any
/// order: the oldest one still held is where the partition's stored offset must stop.
/// </summary>
internal sealed class HeldOffsets
{
    private long[] _offsets = new long[1024];
    private bool[] _released = new bool[1024];
    private long _first;
    private long _next;

    public int Count => (int)(_next - _first);

    /// <summary>Holds <paramref name="offset"/>; returns its sequence number for <see cref="Release"/>.</summary>
    public long Add(long offset)
    {
        if (_next - _first == _offsets.Length)
            Grow();
        var at = Slot(_next);
        _offsets[at] = offset;
        _released[at] = false;
        return _next++;
    }

    public void Release(long sequence)
    {
        _released[Slot(sequence)] = true;
        while (_first < _next && _released[Slot(_first)])
            _first++;
    }

    /// <summary>The offset of the oldest record still held, if any.</summary>
    public bool TryOldest(out long offset)
    {
        offset = _first < _next ? _offsets[Slot(_first)] : 0;
        return _first < _next;
    }

    private int Slot(long sequence) => (int)(sequence & (_offsets.Length - 1));

    private void Grow()
    {
        var offsets = new long[_offsets.Length * 2];
        var released = new bool[offsets.Length];
        for (var s = _first; s < _next; s++)
        {
            offsets[s & (offsets.Length - 1)] = _offsets[Slot(s)];
            released[s & (offsets.Length - 1)] = _released[Slot(s)];
        }

        (_offsets, _released) = (offsets, released);
    }
}
