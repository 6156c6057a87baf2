using Confluent.Kafka;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// A run of consecutive records from one partition after decoding: the valid, first-seen events with their
/// offsets, and counts of what was dead-lettered or dropped as a duplicate. Reused by its partition worker.
/// </summary>
public sealed class EventBatch
{
    private CallEvent[] _events;
    private long[] _offsets;
    private Message<byte[], byte[]>[] _messages;

    internal EventBatch(string topic, int partition, int capacity)
    {
        Topic = topic;
        Partition = partition;
        _events = new CallEvent[capacity];
        _offsets = new long[capacity];
        _messages = new Message<byte[], byte[]>[capacity];
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>Valid events in partition order.</summary>
    public ReadOnlySpan<CallEvent> Events => _events.AsSpan(0, Count);

    /// <summary>The source offset of each event in <see cref="Events"/>.</summary>
    public ReadOnlySpan<long> Offsets => _offsets.AsSpan(0, Count);

    /// <summary>
    /// The Kafka message of each event in <see cref="Events"/>: its original bytes (to re-key them to another
    /// topic unchanged) and headers (what an earlier stage attached).
    /// </summary>
    public ReadOnlySpan<Message<byte[], byte[]>> Messages => _messages.AsSpan(0, Count);

    public int Count { get; private set; }

    /// <summary>First and last offset of every record the batch covers, dead letters and duplicates included.</summary>
    public long FirstOffset { get; private set; }

    public long LastOffset { get; private set; }

    public int DeadLettered { get; internal set; }

    public int Duplicates { get; internal set; }

    internal void Reset(long firstOffset)
    {
        _messages.AsSpan(0, Count).Clear();
        Count = 0;
        DeadLettered = 0;
        Duplicates = 0;
        FirstOffset = firstOffset;
        LastOffset = firstOffset;
    }

    internal void Cover(long offset) => LastOffset = offset;

    internal void Add(in CallEvent callEvent, long offset, Message<byte[], byte[]> message)
    {
        _events[Count] = callEvent;
        _offsets[Count] = offset;
        _messages[Count] = message;
        Count++;
    }
}
