using Confluent.Kafka;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using FraudStream.Ingest.Tests.Cdr;
using FraudStream.Ingest.Tests.Kafka;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>One embedded cluster per fixture; each test gets fresh topics and a fresh group.</summary>
public abstract class ConsumerFixture
{
    private int _next;

    protected EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartCluster() => Cluster = EmbeddedKafkaCluster.Start(3);

    [OneTimeTearDown]
    public void StopCluster() => Cluster.Dispose();

    internal (IngestOptions Ingest, KafkaOptions Kafka) NewTopics(int partitions = 6, Action<IngestOptions>? configure = null)
    {
        var id = Interlocked.Increment(ref _next);
        var ingest = new IngestOptions { Topic = $"cdr-{id}", DeadLetterTopic = $"dlq-{id}" };
        configure?.Invoke(ingest);
        Cluster.CreateTopic(ingest.Topic, partitions);
        Cluster.CreateTopic(ingest.DeadLetterTopic, 1);
        var kafka = KafkaTestClients.Options(Cluster);
        kafka.GroupId = $"group-{id}";
        return (ingest, kafka);
    }

    // Small slabs, kept however many: every test's records reuse slabs within a few dozen records, and a test can
    // tell whether every slab came back (Free == Created - 1, the one being filled).
    internal static CdrConsumer NewConsumer(KafkaOptions kafka, IngestOptions ingest, IBatchHandler handler, KafkaBatchProducer deadLetters, string? derivedCopyHeader = null)
        => new(kafka, ingest, handler, deadLetters, time: new FixedTime(TestCdrs.Now)) { DerivedCopyHeader = derivedCopyHeader, Slabs = new SlabPool(16 * 1024, int.MaxValue) };

    internal Task ProduceAsync(string topic, IEnumerable<(string Key, string Value)> records) => KafkaTestClients.ProduceAsync(Cluster, topic, records);

    /// <summary>The group's committed offset per partition (-1001 when none), read by a non-member.</summary>
    internal Dictionary<int, long> Committed(KafkaOptions kafka, string topic, int partitions)
    {
        using var probe = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(kafka)).Build();
        var wanted = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        return probe.Committed(wanted, TimeSpan.FromSeconds(10)).ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }

    internal Dictionary<int, long> EndOffsets(string topic, int partitions)
    {
        using var probe = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(KafkaTestClients.Options(Cluster), "probe")).Build();
        return Enumerable.Range(0, partitions).ToDictionary(p => p, p => probe.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    protected sealed class FixedTime(long unixMs) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
    }
}
