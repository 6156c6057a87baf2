namespace FraudStream.Ingest.Consuming;

/// <summary>Running totals of one consumer, safe to read from any thread (the metrics and the live view read them).</summary>
public sealed class IngestStatistics
{
    private long _records;
    private long _events;
    private long _deadLettered;
    private long _duplicates;
    private long _batches;
    private long _pauses;

    /// <summary>Records consumed from Kafka.</summary>
    public long Records => Volatile.Read(ref _records);

    /// <summary>Valid, first-seen events handed to the handler.</summary>
    public long Events => Volatile.Read(ref _events);

    public long DeadLettered => Volatile.Read(ref _deadLettered);

    public long Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Batches whose offsets were stored.</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <summary>Times a partition's fetching was paused because its buffer was full (back-pressure).</summary>
    public long Pauses => Volatile.Read(ref _pauses);

    internal void Paused() => Interlocked.Increment(ref _pauses);

    internal void Add(EventBatch batch, int records)
    {
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _events, batch.Count);
        Interlocked.Add(ref _deadLettered, batch.DeadLettered);
        Interlocked.Add(ref _duplicates, batch.Duplicates);
        Interlocked.Increment(ref _batches);
    }
}
