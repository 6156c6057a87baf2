using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

[TestFixture]
public sealed class ConsumerGroupRoundTripTests
{
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = EmbeddedKafkaCluster.Start(3);

    [OneTimeTearDown]
    public void StopCluster() => _cluster.Dispose();

    [Test]
    public async Task Produced_records_reach_the_group_exactly_once_in_key_order()
    {
        const int count = 3000;
        _cluster.CreateTopic("roundtrip", 6);
        await KafkaTestClients.ProduceAsync(_cluster, "roundtrip", Enumerable.Range(0, count).Select(i => ($"+8613800{i % 50:D6}", i.ToString())));

        var received = KafkaTestClients.Drain(_cluster, "roundtrip", "g-roundtrip", count, TimeSpan.FromSeconds(60));

        Assert.That(received.Select(KafkaTestClients.Value), Is.Unique);
        Assert.That(received, Has.Count.EqualTo(count));
        foreach (var perKey in received.GroupBy(KafkaTestClients.Key))
            Assert.That(perKey.Select(r => int.Parse(KafkaTestClients.Value(r))), Is.Ordered, $"order of key {perKey.Key}");
    }

    [Test]
    public async Task Only_stored_offsets_are_committed_and_the_next_member_resumes_after_them()
    {
        const int count = 600;
        _cluster.CreateTopic("stored", 3);
        await KafkaTestClients.ProduceAsync(_cluster, "stored", Enumerable.Range(0, count).Select(i => ($"k{i % 30}", i.ToString())));

        // The first member sees everything but acknowledges (stores) only the first 100 offsets of each
        // partition, as a pipeline does whose later batches were not yet acknowledged downstream.
        var first = KafkaTestClients.Drain(_cluster, "stored", "g-stored", count, TimeSpan.FromSeconds(60), store: r => r.Offset.Value < 100);
        var acknowledged = first.Where(r => r.Offset.Value < 100).ToList();
        var second = KafkaTestClients.Drain(_cluster, "stored", "g-stored", count - acknowledged.Count, TimeSpan.FromSeconds(60));

        Assert.That(first, Has.Count.EqualTo(count));
        Assert.That(second.Select(r => r.Offset.Value), Has.All.GreaterThanOrEqualTo(100), "nothing acknowledged is redelivered");
        Assert.That(second.Select(KafkaTestClients.Value).Concat(acknowledged.Select(KafkaTestClients.Value)),
            Is.EquivalentTo(Enumerable.Range(0, count).Select(i => i.ToString())), "everything unacknowledged is redelivered");
    }

    [Test]
    public void Consumer_settings_are_the_at_least_once_ones()
    {
        var config = KafkaClientConfigs.Consumer(new KafkaOptions { BootstrapServers = "127.0.0.1:9092" });

        Assert.That(config.EnableAutoOffsetStore, Is.False);
        Assert.That(config.EnableAutoCommit, Is.True);
        Assert.That(config.PartitionAssignmentStrategy, Is.EqualTo(PartitionAssignmentStrategy.CooperativeSticky));
    }

    [Test]
    public void Producer_settings_are_idempotent_with_acks_all()
    {
        var config = KafkaClientConfigs.Producer(new KafkaOptions { BootstrapServers = "127.0.0.1:9092" });

        Assert.That(config.EnableIdempotence, Is.True);
        Assert.That(config.Acks, Is.EqualTo(Acks.All));
    }
}
