using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// Where the caller stage's re-keyed records land: packed per callee partition once the callee topic's partition count
/// is known, or (the fallback while it is not) each alone keyed by its number, placed by the producer's partitioner.
/// Both must put a number's records in the same partition, or its state would split across two.
/// </summary>
[TestFixture]
public sealed class CalleeFramesTests
{
    private const int Partitions = 7;
    private const int Records = 200;

    [Test]
    public async Task Records_sent_alone_while_the_partition_count_is_unknown_land_where_frames_would_put_them()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        var kafka = new KafkaOptions { BootstrapServers = cluster.BootstrapServers, ClientId = "fraudstream-tests" };
        cluster.CreateTopic("alone", Partitions);
        cluster.CreateTopic("framed", Partitions);
        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        var delivery = producer.StartBatch();
        var events = Enumerable.Range(0, Records).Select(Event).ToList();

        using (var alone = new CalleeFrames())
        {
            alone.Begin(source: 2, sources: 0, targets: 0);
            foreach (var e in events)
                alone.Add(e.Callee, e, new RecordHints(0, 2, 0, 0, HintFlags.None), delivery, "alone");
            alone.Flush(delivery, "alone");
            Assert.That(alone.Sent, Is.EqualTo(Records), "one message per record while the count is unknown");
        }

        using (var framed = new CalleeFrames())
        {
            framed.Begin(source: 2, sources: 0, targets: Partitions);
            foreach (var e in events)
                framed.Add(e.Callee, e, new RecordHints(0, 2, 0, 0, HintFlags.None), delivery, "framed");
            framed.Flush(delivery, "framed");
            Assert.That(framed.Sent, Is.LessThanOrEqualTo(Partitions), "one frame per callee partition");
        }

        await delivery.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        var aloneAt = Read(cluster, "alone");
        var framedAt = Read(cluster, "framed");
        Assert.That(aloneAt, Has.Count.EqualTo(Records));
        Assert.That(aloneAt, Is.EquivalentTo(framedAt), "each number's partition the same on both paths");
        Assert.That(aloneAt.Values.Distinct().Count(), Is.GreaterThan(Partitions / 2), "the numbers spread over the partitions");
    }

    private static CallEvent Event(int i) => new()
    {
        RecordId = $"rec-{i}",
        RecordHash = RecordHash.Of($"rec-{i}".AsSpan()),
        Type = CallType.Voice,
        Caller = new PhoneNumber(8613800000000UL + (ulong)i, 13, 86),
        Callee = new PhoneNumber(8613900000000UL + ((ulong)i * 7919), 13, 86),
        StartTimeMs = 1_772_400_000_000 + (i * 1_000L),
        DurationSec = 30,
        Answered = true,
    };

    // Record id → the partition its message arrived in, once every record arrived (or 20 s passed).
    private static Dictionary<string, int> Read(EmbeddedKafkaCluster cluster, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "callee-frames-" + topic,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var at = new Dictionary<string, int>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (at.Count < Records && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } m)
                continue;
            Assert.That(FrameReader.TryOpen(m.Message.Value, out var reader, out var error), Is.True, () => error!);
            while (reader.TryRead(out var e, out _))
                at.Add(e.RecordId!, m.Partition.Value);
        }

        return at;
    }
}
