using System.Collections.Concurrent;

namespace FraudStream.Ingest.Consuming;

/// <summary>Running totals of one consumer, safe to read from any thread (the metrics and the live view read them).</summary>
public sealed class IngestStatistics
{
    private readonly ConcurrentDictionary<int, long> _lag = new();
    private long _records;
    private long _events;
    private long _deadLettered;
    private long _duplicates;
    private long _batches;
    private long _control;
    private long _held;
    private long _pauses;
    private long _lost;
    private int _assigned;

    /// <summary>Records consumed from Kafka.</summary>
    public long Records => Volatile.Read(ref _records);

    /// <summary>Valid, first-seen events handed to the handler.</summary>
    public long Events => Volatile.Read(ref _events);

    public long DeadLettered => Volatile.Read(ref _deadLettered);

    public long Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Control records taken in: watermarks of the stage that re-keyed the topic (<see cref="SourceOrder"/>).</summary>
    public long Control => Volatile.Read(ref _control);

    /// <summary>Records consumed and waiting for their turn in an ordered merge (<see cref="SourceMerge"/>), all partitions.</summary>
    public long Held => Volatile.Read(ref _held);

    /// <summary>Batches whose offsets were stored.</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <summary>Times a partition's fetching was paused because its buffer was full (back-pressure).</summary>
    public long Pauses => Volatile.Read(ref _pauses);

    /// <summary>
    /// Partitions taken from this consumer without a revocation (session timeout, fenced or unknown member): their
    /// unfinished batches were dropped unstored, for the next owner to process again.
    /// </summary>
    public long PartitionsLost => Interlocked.Read(ref _lost);

    /// <summary>
    /// Consumer lag per assigned partition: records between the consumer's position and the partition's end
    /// (high watermark), refreshed about once a second from what fetches report; revoked partitions leave.
    /// </summary>
    public IReadOnlyDictionary<int, long> Lag => _lag;

    /// <summary>Partitions this consumer owns now.</summary>
    public int AssignedPartitions => Volatile.Read(ref _assigned);

    /// <summary>The sum of <see cref="Lag"/>.</summary>
    public long TotalLag => _lag.Values.Sum();

    internal void SetLag(int partition, long lag) => _lag[partition] = lag;

    internal void ForgetLag(int partition) => _lag.TryRemove(partition, out _);

    internal void Assigned(int partitions) => Volatile.Write(ref _assigned, partitions);

    internal void Holding(long change) => Interlocked.Add(ref _held, change);

    internal void Paused() => Interlocked.Increment(ref _pauses);

    internal void Lost(int partitions) => Interlocked.Add(ref _lost, partitions);

    /// <summary>
    /// A batch done: its outputs acknowledged. Records held in a merge count once processed, so that
    /// <see cref="Records"/> reaching what was sent means done.
    /// </summary>
    internal void Add(int records, int events, int deadLettered, int duplicates, int control)
    {
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _deadLettered, deadLettered);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _control, control);
        Interlocked.Increment(ref _batches);
    }
}
