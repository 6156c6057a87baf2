using System.Buffers;

namespace FraudStream.Simulator.Realism;

/// <summary>
/// Records waiting to be emitted a second time, byte for byte, a little later (1 to 2,000 records on), as a
/// carrier's at-least-once pipeline re-sends a batch after a timeout. Copies live in pooled arrays.
/// </summary>
internal sealed class DuplicateQueue
{
    public const int MaxDelay = 2_000;

    private readonly PriorityQueue<Pending, (long Due, long Serial)> _queue = new();
    private long _serial;

    public int Count => _queue.Count;

    /// <summary>Keeps a copy of <paramref name="record"/> to re-emit when <paramref name="due"/> records have been emitted.</summary>
    public void Add(ReadOnlySpan<byte> record, int keyStart, int keyLength, long due)
    {
        var copy = ArrayPool<byte>.Shared.Rent(record.Length);
        record.CopyTo(copy);
        _queue.Enqueue(new Pending(copy, record.Length, keyStart, keyLength), (due, _serial++));
    }

    /// <summary>Whether a copy is due once <paramref name="emitted"/> records have been emitted.</summary>
    public bool IsDue(long emitted) => _queue.TryPeek(out _, out var priority) && priority.Due <= emitted;

    /// <summary>Takes the earliest due copy into <paramref name="destination"/>; returns its length and key span.</summary>
    public int Take(byte[] destination, out int keyStart, out int keyLength)
    {
        var pending = _queue.Dequeue();
        pending.Buffer.AsSpan(0, pending.Length).CopyTo(destination);
        ArrayPool<byte>.Shared.Return(pending.Buffer);
        keyStart = pending.KeyStart;
        keyLength = pending.KeyLength;
        return pending.Length;
    }

    private readonly record struct Pending(byte[] Buffer, int Length, int KeyStart, int KeyLength);
}
