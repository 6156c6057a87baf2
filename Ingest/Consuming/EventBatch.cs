using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// A run of consecutive records from one partition after decoding: the valid, first-seen events with their
/// offsets, and counts of what was dead-lettered or dropped as a duplicate. Reused by its partition worker.
/// </summary>
public sealed class EventBatch
{
    private CallEvent[] _events;
    private long[] _offsets;
    private Message<byte[], ConsumedBytes>[] _messages;
    private RecordHints[] _hints;
    private int _start;
    private int _added;

    internal EventBatch(string topic, int partition, int capacity)
    {
        Topic = topic;
        Partition = partition;
        _events = new CallEvent[capacity];
        _offsets = new long[capacity];
        _messages = new Message<byte[], ConsumedBytes>[capacity];
        _hints = new RecordHints[capacity];
        Capacity = capacity;
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>Valid events in partition order.</summary>
    public ReadOnlySpan<CallEvent> Events => _events.AsSpan(_start, Count);

    /// <summary>The source offset of each event in <see cref="Events"/>.</summary>
    public ReadOnlySpan<long> Offsets => _offsets.AsSpan(_start, Count);

    /// <summary>
    /// The Kafka message of each event in <see cref="Events"/>: its original bytes (to re-key them to another
    /// topic unchanged) and headers (what an earlier stage attached).
    /// </summary>
    public ReadOnlySpan<Message<byte[], ConsumedBytes>> Messages => _messages.AsSpan(_start, Count);

    /// <summary>
    /// What the stage before attached to each event in <see cref="Events"/>: from its frame
    /// (<see cref="FrameFormat"/>) or, for a record sent alone, its headers; default for a carrier's CDR.
    /// </summary>
    public ReadOnlySpan<RecordHints> Hints => _hints.AsSpan(_start, Count);

    public int Count { get; private set; }

    /// <summary>The most events a merge releases into the batch at once; frames may add more (the arrays grow).</summary>
    internal int Capacity { get; }

    /// <summary>First and last offset of every record the batch covers, dead letters and duplicates included.</summary>
    public long FirstOffset { get; private set; }

    public long LastOffset { get; private set; }

    /// <summary>The latest event time (<see cref="CallEvent.StartTimeMs"/>) in <see cref="Events"/>.</summary>
    public long LatestStartTimeMs
    {
        get
        {
            var latest = long.MinValue;
            foreach (ref readonly var e in Events)
                latest = Math.Max(latest, e.StartTimeMs);
            return latest;
        }
    }

    /// <summary>
    /// This is one slice of a consumed batch and later slices of it follow (event-time alignment cut it): the
    /// handler may complete before this slice's outputs are acknowledged. See <see cref="IBatchHandler.HandleAsync"/>.
    /// </summary>
    public bool MoreSlicesFollow { get; internal set; }

    /// <summary>
    /// When handed over: the partition has more records to process after this batch (buffered, paused, or lag at the
    /// broker). A re-keying stage tells the next stage so in its watermarks (<see cref="SourceOrder"/>).
    /// </summary>
    public bool SourceHasMore { get; internal set; }

    public int DeadLettered { get; internal set; }

    public int Duplicates { get; internal set; }

    /// <summary>Control records (a re-keying stage's watermarks, <see cref="SourceOrder"/>): covered, not CDRs.</summary>
    public int Control { get; internal set; }

    /// <summary>Records beyond one per Kafka message: what the frames covered held in all, less one per frame.</summary>
    internal int Unpacked { get; set; }

    internal void Reset(long firstOffset)
    {
        _messages.AsSpan(0, _added).Clear();
        _start = 0;
        _added = 0;
        Count = 0;
        DeadLettered = 0;
        Duplicates = 0;
        Control = 0;
        Unpacked = 0;
        FirstOffset = firstOffset;
        LastOffset = firstOffset;
    }

    internal void Cover(long offset) => LastOffset = offset;

    internal void Add(in CallEvent callEvent, long offset, Message<byte[], ConsumedBytes> message, in RecordHints hints = default)
    {
        if (_added == _events.Length)
            Grow();
        _events[_added] = callEvent;
        _offsets[_added] = offset;
        _messages[_added] = message;
        _hints[_added] = hints;
        Count = ++_added;
    }

    private void Grow()
    {
        var size = _events.Length * 2;
        Array.Resize(ref _events, size);
        Array.Resize(ref _offsets, size);
        Array.Resize(ref _messages, size);
        Array.Resize(ref _hints, size);
    }

    /// <summary>The <paramref name="index"/>th event of everything added, whatever the window.</summary>
    internal ref readonly CallEvent EventAt(int index) => ref _events[index];

    internal long OffsetAt(int index) => _offsets[index];

    internal Message<byte[], ConsumedBytes> MessageAt(int index) => _messages[index];

    internal ref readonly RecordHints HintsAt(int index) => ref _hints[index];

    /// <summary>Narrows <see cref="Events"/>, <see cref="Offsets"/> and <see cref="Messages"/> to a slice of what was added.</summary>
    internal void Window(int start, int count)
    {
        _start = start;
        Count = count;
    }

    /// <summary>
    /// From <paramref name="start"/> (of everything added), the end of the run of events no later than
    /// <paramref name="horizonMs"/>; at least one event, so a batch always moves.
    /// </summary>
    internal int EndOfWindow(int start, long horizonMs)
    {
        var end = start + 1;
        while (end < _added && _events[end].StartTimeMs <= horizonMs)
            end++;
        return end;
    }
}
