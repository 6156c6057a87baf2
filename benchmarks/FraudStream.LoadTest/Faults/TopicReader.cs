using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Faults;

/// <summary>Reads topics back for the ledger, outside any consumer group, and the committed offsets of a group.</summary>
internal static class TopicReader
{
    /// <summary>Every record of <paramref name="topic"/>, from the beginning to the end of each partition (all partitions at once).</summary>
    public static List<ConsumeResult<byte[], byte[]>> ReadAll(string bootstrap, string topic, bool readCommitted = false)
    {
        using var consumer = Reader(bootstrap, readCommitted: readCommitted);
        var remaining = new Dictionary<TopicPartition, long>();
        foreach (var (tp, end) in Ends(consumer, bootstrap, topic))
        {
            if (end > 0)
                remaining[tp] = end;
        }

        var records = new List<ConsumeResult<byte[], byte[]>>();
        consumer.Assign(remaining.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (r is null || !remaining.TryGetValue(r.TopicPartition, out var end))
                continue;
            records.Add(r);
            if (r.Offset.Value + 1 >= end)
                remaining.Remove(r.TopicPartition);
        }

        if (remaining.Count > 0)
            throw new TimeoutException($"could not read {string.Join(", ", remaining.Keys)} of {topic} to the end within 60 s");
        consumer.Close();
        return records;
    }

    /// <summary>How many records each partition of <paramref name="topic"/> holds minus what <paramref name="groupId"/> committed (whole topic when nothing is committed).</summary>
    public static long Uncommitted(string bootstrap, string topic, string groupId)
    {
        using var consumer = Reader(bootstrap, groupId);
        var ends = Ends(consumer, bootstrap, topic);
        var committed = consumer.Committed(ends.Select(e => e.Partition), TimeSpan.FromSeconds(10));
        long behind = 0;
        foreach (var (tp, end) in ends)
        {
            var offset = committed.First(c => c.TopicPartition == tp).Offset;
            behind += end - (offset.Value >= 0 ? offset.Value : 0);
        }

        consumer.Close();
        return behind;
    }

    /// <summary>Sum over the partitions of <paramref name="topic"/> of the offsets <paramref name="groupId"/> committed.</summary>
    public static long Committed(string bootstrap, string topic, string groupId) => CommittedOffsets(bootstrap, topic, groupId).Values.Sum();

    /// <summary>The offset <paramref name="groupId"/> committed for each partition of <paramref name="topic"/> (0 where none).</summary>
    public static Dictionary<int, long> CommittedOffsets(string bootstrap, string topic, string groupId)
    {
        using var consumer = Reader(bootstrap, groupId);
        var committed = consumer.Committed(Ends(consumer, bootstrap, topic).Select(e => e.Partition), TimeSpan.FromSeconds(10));
        consumer.Close();
        return committed.ToDictionary(c => c.Partition.Value, c => Math.Max(0, c.Offset.Value));
    }

    /// <summary>
    /// Records the broker no longer holds from the start of <paramref name="topic"/> (sum of the low watermarks). The
    /// embedded broker keeps 5 MiB per partition and silently drops older batches: a ledger over a topic with
    /// dropped records would report them lost, so a run checks this first.
    /// </summary>
    public static long Dropped(string bootstrap, string topic)
    {
        using var consumer = Reader(bootstrap);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Count;
        long dropped = 0;
        for (var p = 0; p < partitions; p++)
            dropped += consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).Low.Value;
        return dropped;
    }

    /// <summary>Records in <paramref name="topic"/> (sum of the high watermarks).</summary>
    public static long Count(string bootstrap, string topic)
    {
        using var consumer = Reader(bootstrap);
        return Ends(consumer, bootstrap, topic).Sum(e => e.End);
    }

    private static IConsumer<byte[], byte[]> Reader(string bootstrap, string? groupId = null, bool readCommitted = false)
    {
        var config = KafkaClientConfigs.Consumer(new KafkaOptions { BootstrapServers = bootstrap }, groupId ?? "ledger-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        config.IsolationLevel = readCommitted ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted;
        return new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
    }

    private static List<(TopicPartition Partition, long End)> Ends(IConsumer<byte[], byte[]> consumer, string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Count;
        var ends = new List<(TopicPartition, long)>(partitions);
        for (var p = 0; p < partitions; p++)
        {
            var tp = new TopicPartition(topic, p);
            ends.Add((tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value));
        }

        return ends;
    }
}
