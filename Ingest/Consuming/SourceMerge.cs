using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Puts the records of one re-keyed partition in one order whatever order they arrived in: by the ordering
/// key their source partition gave them (<see cref="SourceOrder"/>), then by source partition, then in
/// arrival order (which is the source's own order). A record is released once no source can still send one
/// that sorts before it: every other source has reached past it, by a later record or a watermark. So the
/// records are processed in the same order with one instance as with several, run after run.
/// </summary>
/// <remarks>
/// The partitions of the re-keying stage write into each re-keyed partition concurrently, so without this the
/// arrival order, and with it every aggregate over several sources (a call bombing's count of callers, whether
/// a subscriber's call abroad came before the call back), depends on timing. Kafka Streams and Flink merge by
/// timestamp with the same rule (Flink: the minimum watermark over the input channels). A source whose key
/// has not grown for <c>idle</c> holds nobody back (Flink's idleness): a source partition without traffic, a
/// stopped instance. Its later records then take their place as they come, out of the merged order. But a source
/// whose watermarks say it still has records to process is behind, not idle: it holds the others back as long as
/// its watermarks keep coming (up to <see cref="StaleFactor"/> × <c>idle</c> without any) and the merge holds fewer
/// than <c>holdLimit</c> records, so a caller partition slowed by a stall, a slow acknowledgement or back-pressure
/// does not let later records overtake its own (one instance and two then decided differently, now and then).
/// </remarks>
internal sealed class SourceMerge(TimeSpan idle, int holdLimit = int.MaxValue)
{
    /// <summary>How many idle times a source with pending records may go unheard before it holds nobody back.</summary>
    public const int StaleFactor = 10;

    private readonly long _idleMs = (long)idle.TotalMilliseconds;
    private readonly PriorityQueue<Held, Order> _held = new(Order.Comparer);
    private readonly HeldOffsets _offsets = new();
    private long[] _bounds = [];
    private long[] _advancedAt = [];
    private long[] _heardAt = [];
    private bool[] _pending = [];

    /// <summary>Records waiting for their turn.</summary>
    public int Count => _held.Count;

    /// <summary>A record sent alone, its ordering key in its <see cref="SourceOrder.Header"/>.</summary>
    public void Add(in CallEvent e, long offset, Message<byte[], ConsumedBytes> message, long nowMs)
        => Add(e, RecordHeaders.Read(message.Headers, null), offset, message, nowMs);

    public void Add(in CallEvent e, in RecordHints hints, long offset, Message<byte[], ConsumedBytes> message, long nowMs)
    {
        long key = long.MinValue;
        var source = -1;
        if (hints.HasOrder && hints.Source < hints.Sources)
        {
            Know(hints.Sources, nowMs);
            Reached(hints.Source, hints.OrderKey, nowMs);
            _heardAt[hints.Source] = nowMs;
            (key, source) = (hints.OrderKey, hints.Source);
        }

        // Without an ordering key (written by a stage that does not order): first in line, as it comes.
        _held.Enqueue(new Held(e, hints, offset, message), new Order(key, source, _offsets.Add(offset)));
    }

    /// <summary>Takes in a control record's watermarks; false when the header is malformed.</summary>
    public bool Watermarks(ReadOnlySpan<byte> header, long nowMs)
    {
        if (!SourceOrder.TryReadWatermarks(header, out var sources, out var count))
            return false;
        Know(sources, nowMs);
        for (var i = 0; i < count; i++)
        {
            var (source, key, pending) = SourceOrder.WatermarkAt(header, i);
            if (source >= sources)
                return false;
            Reached(source, key, nowMs);
            (_heardAt[source], _pending[source]) = (nowMs, pending);
        }

        return true;
    }

    /// <summary>
    /// Moves the records whose turn has come, in order, into <paramref name="into"/> (up to its capacity); with
    /// <paramref name="all"/>, every record held (the partition is leaving or stopping).
    /// </summary>
    public void Release(EventBatch into, bool all, long nowMs)
    {
        var (first, second) = Frontier(nowMs);
        while (into.Count < into.Capacity && _held.TryPeek(out var held, out var order))
        {
            if (!all)
            {
                // Every live source but the record's own must have reached past it (a source's own later records come after it anyway).
                var bound = order.Source == first.Source ? second : first;
                if (bound.Source >= 0 && !Order.Before(order.Key, order.Source, bound.Key, bound.Source))
                    break;
            }

            _held.Dequeue();
            into.Add(held.Event, held.Offset, held.Message, held.Hints);
            _offsets.Release(order.Sequence);
        }
    }

    /// <summary>The offset to store: the oldest record still held, or <paramref name="consumedUpTo"/> when none is.</summary>
    public long SafeOffset(long consumedUpTo) => _offsets.TryOldest(out var oldest) ? oldest : consumedUpTo;

    // The two least (key, source) among live sources; Source -1 when there is none.
    private ((long Key, int Source) First, (long Key, int Source) Second) Frontier(long nowMs)
    {
        (long Key, int Source) first = (long.MaxValue, -1), second = (long.MaxValue, -1);
        for (var s = 0; s < _bounds.Length; s++)
        {
            if (IsIdle(s, nowMs))
                continue;
            var key = _bounds[s];
            if (first.Source < 0 || Order.Before(key, s, first.Key, first.Source))
                (second, first) = (first, (key, s));
            else if (second.Source < 0 || Order.Before(key, s, second.Key, second.Source))
                second = (key, s);
        }

        return (first, second);
    }

    // No progress for the idle time, and not known to be behind (or behind but unheard for long, or the merge full).
    private bool IsIdle(int source, long nowMs)
        => nowMs - _advancedAt[source] >= _idleMs
           && (!_pending[source] || nowMs - _heardAt[source] >= _idleMs * StaleFactor || _held.Count >= holdLimit);

    private void Know(int sources, long nowMs)
    {
        if (sources <= _bounds.Length)
            return;

        // A source not heard from yet holds the others back from now on, until it counts as idle.
        var known = _bounds.Length;
        Array.Resize(ref _bounds, sources);
        Array.Resize(ref _advancedAt, sources);
        Array.Resize(ref _heardAt, sources);
        Array.Resize(ref _pending, sources);
        for (var s = known; s < sources; s++)
            (_bounds[s], _advancedAt[s], _heardAt[s]) = (long.MinValue, nowMs, nowMs);
    }

    private void Reached(int source, long key, long nowMs)
    {
        if (key > _bounds[source])
            (_bounds[source], _advancedAt[source]) = (key, nowMs);
    }

    private readonly record struct Held(CallEvent Event, RecordHints Hints, long Offset, Message<byte[], ConsumedBytes> Message);

    private readonly record struct Order(long Key, int Source, long Sequence)
    {
        public static IComparer<Order> Comparer { get; } = Comparer<Order>.Create(static (a, b) =>
            a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Source != b.Source ? a.Source.CompareTo(b.Source) : a.Sequence.CompareTo(b.Sequence));

        public static bool Before(long key, int source, long otherKey, int otherSource)
            => key < otherKey || (key == otherKey && source < otherSource);
    }
}
