using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// The client settings every FraudStream consumer and producer starts from, chosen for at-least-once
/// processing (librdkafka's and Confluent's guidance): offsets are stored by the application only after
/// the work a record caused is acknowledged, and producers are idempotent with acks=all.
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>A consumer-group member that stores offsets itself and commits stored offsets in the background.</summary>
    public static ConsumerConfig Consumer(KafkaOptions options, string? groupId = null)
    {
        LibrdkafkaLoader.EnsureLoaded();
        return new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            GroupId = groupId ?? options.GroupId,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            FetchWaitMaxMs = options.FetchWaitMaxMs,
            SessionTimeoutMs = options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(500, options.SessionTimeoutMs / 3),
        };
    }

    /// <summary>
    /// A reader outside any consumer group, for tools that watch a topic (<c>fraudstream tail</c>): it is given
    /// partitions with <c>Assign</c>, never subscribes, stores and commits nothing, and sees only committed
    /// transactions. librdkafka still requires a group id; <paramref name="throwawayGroupId"/> is never joined.
    /// </summary>
    public static ConsumerConfig Reader(KafkaOptions options, string throwawayGroupId, bool fromBeginning)
    {
        LibrdkafkaLoader.EnsureLoaded();
        return new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            GroupId = throwawayGroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = fromBeginning ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
            EnablePartitionEof = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            // A reader must not create the topic it reads (brokers from Kafka 0.11 on honour this).
            AllowAutoCreateTopics = false,
        };
    }

    /// <summary>An idempotent producer: acks from all in-sync replicas, no duplicates or reordering on retry.</summary>
    public static ProducerConfig Producer(KafkaOptions options)
    {
        LibrdkafkaLoader.EnsureLoaded();
        return new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = CompressionType.Lz4,
            LingerMs = 5,
        };
    }
}
