using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// The client settings every FraudStream consumer and producer starts from, chosen for at-least-once
/// processing (librdkafka's and Confluent's guidance): offsets are stored by the application only after
/// the work a record caused is acknowledged, and producers are idempotent with acks=all.
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// What the CDR consumer asks Confluent.Kafka to fill in each <c>ConsumeResult</c>: headers (re-keyed records carry
    /// their order in one; dead letters keep the originals) and the timestamp (dead letters name it), not the topic.
    /// Confluent.Kafka copies every record's topic name into a new string unless told not to, and the consumer
    /// subscribes to one topic it already knows.
    /// </summary>
    public const string CdrConsumeResultFields = "headers,timestamp";

    /// <summary>A consumer-group member that stores offsets itself and commits stored offsets in the background.</summary>
    public static ConsumerConfig Consumer(KafkaOptions options, string? groupId = null)
    {
        LibrdkafkaLoader.EnsureLoaded();
        return Secured(new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            GroupId = groupId ?? options.GroupId,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            EnableAutoOffsetStore = false,
            // Exactly-once: offsets are committed by the transaction, never by the consumer.
            EnableAutoCommit = !options.ExactlyOnce,
            AutoCommitIntervalMs = 1000,
            // librdkafka's default, stated: a stage never sees another stage's aborted outputs.
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            FetchWaitMaxMs = options.FetchWaitMaxMs,
            SessionTimeoutMs = options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(500, options.SessionTimeoutMs / 3),
            MaxPollIntervalMs = options.MaxPollIntervalMs,
        }, options);
    }

    /// <summary>
    /// A reader outside any consumer group, for tools that watch a topic (<c>fraudstream tail</c>): it is given
    /// partitions with <c>Assign</c>, never subscribes, stores and commits nothing, and sees only committed
    /// transactions. librdkafka still requires a group id; <paramref name="throwawayGroupId"/> is never joined.
    /// </summary>
    public static ConsumerConfig Reader(KafkaOptions options, string throwawayGroupId, bool fromBeginning)
    {
        LibrdkafkaLoader.EnsureLoaded();
        return Secured(new ConsumerConfig
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
        }, options);
    }

    /// <summary>An idempotent producer: acks from all in-sync replicas, no duplicates or reordering on retry.</summary>
    public static ProducerConfig Producer(KafkaOptions options)
    {
        LibrdkafkaLoader.EnsureLoaded();
        return Secured(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = CompressionType.Lz4,
            LingerMs = options.LingerMs,
        }, options);
    }

    /// <summary>An admin client's settings (metadata, topic creation); prefer <see cref="KafkaAdmin"/>, which also says why a cluster is unreachable.</summary>
    public static AdminClientConfig Admin(KafkaOptions options, int? socketTimeoutMs = null)
    {
        LibrdkafkaLoader.EnsureLoaded();
        var config = Secured(new AdminClientConfig { BootstrapServers = options.BootstrapServers, ClientId = options.ClientId }, options);
        if (socketTimeoutMs is { } timeout)
            config.SocketTimeoutMs = timeout;
        return config;
    }

    // Every client FraudStream builds carries the configured security settings (SASL, TLS): KafkaSecurity.
    private static T Secured<T>(T config, KafkaOptions options)
        where T : ClientConfig
    {
        KafkaSecurity.Apply(config, options);
        return config;
    }

    /// <summary>
    /// A transactional producer for one stage in exactly-once mode: the idempotent producer plus a transactional
    /// id, so the stage's outputs and its input offsets commit or abort together.
    /// </summary>
    public static ProducerConfig TransactionalProducer(KafkaOptions options, string transactionalId)
    {
        var config = Producer(options);
        config.TransactionalId = transactionalId;
        config.TransactionTimeoutMs = options.TransactionTimeoutMs;
        return config;
    }
}
