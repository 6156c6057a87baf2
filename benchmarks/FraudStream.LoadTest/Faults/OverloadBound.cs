using FraudStream.Ingest;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// How much the managed heap may grow above its level before an overload, from the configured buffers alone: what
/// the two stages can hold in memory however far behind they are. The lag itself stays in Kafka; a queue that grew
/// with it would break this bound once the lag is a few times the buffers.
/// </summary>
internal static class OverloadBound
{
    /// <summary>Both stages of a pipeline consume with the same buffers.</summary>
    public const int Stages = 2;

    /// <summary>
    /// A buffered record: its ConsumeResult, Message, key and a simulated CDR value (≈ 500 B measured by size of the
    /// objects), with twice that allowed for what its batch produces until the brokers acknowledge it.
    /// </summary>
    public const long BytesPerBufferedRecord = 1024;

    /// <summary>One remembered record id of the de-duplicator: a HashSet&lt;ulong&gt; slot, up to twice over for its growth.</summary>
    public const long BytesPerDedupEntry = 48;

    /// <summary>One tracked number's streaming features and pair state (≤ 200 B is the scoring core's goal; 120-184 B measured).</summary>
    public const long BytesPerTrackedNumber = 256;

    /// <summary>Everything else that may legitimately move between two samples: statistics, pooled buffers, fragmentation.</summary>
    public const long SlackBytes = 8L << 20;

    /// <summary>
    /// Records held per stage and partition: a full buffer (<see cref="IngestOptions.PartitionBufferSize"/>), the batch
    /// in hand (<see cref="IngestOptions.MaxBatchSize"/>) and at most a batch more held while the partition pauses.
    /// </summary>
    public static long BufferedRecords(IngestOptions ingest, int partitions)
        => (long)Stages * partitions * (ingest.PartitionBufferSize + 2L * ingest.MaxBatchSize);

    /// <summary>
    /// Allowed growth of the live managed heap, in bytes, over the level measured before <paramref name="records"/> more
    /// records arrive: the buffers, the de-duplicators (each holds at most <see cref="IngestOptions.DedupMaxEntries"/>
    /// ids, and never more than the records seen), and the features of up to <paramref name="numbers"/> more numbers
    /// per stage (the simulated population). None of it grows with the lag.
    /// </summary>
    public static long HeapGrowthBytes(IngestOptions ingest, int partitions, long records, long numbers)
        => BufferedRecords(ingest, partitions) * BytesPerBufferedRecord
           + Math.Min((long)Stages * partitions * ingest.DedupMaxEntries, Stages * records) * BytesPerDedupEntry
           + Stages * numbers * BytesPerTrackedNumber
           + SlackBytes;
}
