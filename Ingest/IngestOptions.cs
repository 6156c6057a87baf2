namespace FraudStream.Ingest;

/// <summary>The carrier-facing input: topics, number normalisation, limits, de-duplication and batching. Bound from the <c>Ingest</c> section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>CDR v1 records, key = caller number.</summary>
    public string Topic { get; set; } = "telco.cdr.v1";

    /// <summary>Records that failed validation, with the original key, bytes and the reason in headers.</summary>
    public string DeadLetterTopic { get; set; } = "telco.cdr.dlq.v1";

    /// <summary>Country calling code used to normalise national numbers and to decide what is international (86 = China).</summary>
    public ushort HomeCountryCode { get; set; } = 86;

    /// <summary>Messages larger than this are dead-lettered unread (a CDR is a few hundred bytes).</summary>
    public int MaxMessageBytes { get; set; } = 4096;

    /// <summary>A record id seen again within this window (processing time) is dropped as a redelivery.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound on remembered record ids per partition, so memory stays flat under any rate.</summary>
    public int DedupMaxEntries { get; set; } = 1_000_000;

    /// <summary>
    /// Largest batch handed downstream from one partition. A worker takes whatever its buffer holds up to
    /// this, without waiting for more: batches grow by themselves under load and add no latency when idle.
    /// </summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Records buffered per partition before its fetching pauses (back-pressure). Pausing is expensive in
    /// librdkafka (2.0.2 and still 2.16): it discards every record it has fetched ahead for the paused partition (a
    /// fetch response is up to 1 MB, about 4,000 CDRs) and fetches them again on resume, and a resumed partition
    /// stays unfetchable for about a second, so a buffer of two fetch responses keeps pauses rare on a backlog.
    /// Measured on 2.0.2 (`bench --quick --count 2000000`): 8,000 drained 77,400 CDRs/s at 19.7 CPU-µs each and
    /// 582 pauses, 4,000 51,500/s at 27.4 µs and 1,013 pauses; benchmarks/RESULTS.md has the 2.16 figures.
    /// Memory: about 0.5 KB per record.
    /// </summary>
    public int PartitionBufferSize { get; set; } = 8000;

    /// <summary>
    /// How far apart in event time this consumer's partitions may be processed (0 = not aligned). A stage that
    /// re-keys records into another topic needs it: without it, a backlog read at uneven speeds per partition
    /// reaches the next stage hours out of order, beyond what its windows accept as late. Keep it well inside
    /// <c>Features:Lateness</c>: events up to that late still count with their proper weight downstream.
    /// </summary>
    public TimeSpan MaxEventTimeSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A copy of these options reading another topic (e.g. a pipeline's internal re-keyed topic).</summary>
    public IngestOptions WithTopic(string topic)
    {
        var copy = (IngestOptions)MemberwiseClone();
        copy.Topic = topic;
        return copy;
    }

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Topic))
            return "Ingest:Topic is empty";
        if (string.IsNullOrWhiteSpace(DeadLetterTopic) || DeadLetterTopic == Topic)
            return "Ingest:DeadLetterTopic must be set and differ from Ingest:Topic";
        if (HomeCountryCode is < 1 or > 999)
            return $"Ingest:HomeCountryCode is {HomeCountryCode}, expected an ITU country calling code 1-999";
        if (MaxMessageBytes is < 256 or > 1_048_576)
            return $"Ingest:MaxMessageBytes is {MaxMessageBytes}, expected 256 to 1048576";
        if (DedupWindow < TimeSpan.Zero || DedupWindow > TimeSpan.FromDays(1))
            return $"Ingest:DedupWindow is {DedupWindow}, expected 00:00:00 to 1.00:00:00";
        if (DedupMaxEntries is < 0 or > 100_000_000)
            return $"Ingest:DedupMaxEntries is {DedupMaxEntries}, expected 0 to 100000000";
        if (MaxBatchSize is < 1 or > 100_000)
            return $"Ingest:MaxBatchSize is {MaxBatchSize}, expected 1 to 100000";
        if (MaxEventTimeSkew < TimeSpan.Zero || MaxEventTimeSkew > TimeSpan.FromHours(1))
            return $"Ingest:MaxEventTimeSkew is {MaxEventTimeSkew}, expected 00:00:00 (off) to 01:00:00";
        if (PartitionBufferSize < MaxBatchSize)
            return $"Ingest:PartitionBufferSize ({PartitionBufferSize}) must be at least Ingest:MaxBatchSize ({MaxBatchSize})";
        return null;
    }
}
