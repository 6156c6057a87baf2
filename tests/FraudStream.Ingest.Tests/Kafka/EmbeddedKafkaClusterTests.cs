using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

[TestFixture]
public sealed class EmbeddedKafkaClusterTests
{
    [Test]
    public void Start_three_brokers_metadata_lists_each_broker_and_created_topic()
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);
        cluster.CreateTopic("calls", 6);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata("calls", TimeSpan.FromSeconds(10));

        Assert.That(cluster.BootstrapServers.Split(','), Has.Length.EqualTo(3).And.All.StartsWith("127.0.0.1:"));
        Assert.That(metadata.Brokers.Select(b => b.BrokerId), Is.EquivalentTo(new[] { 1, 2, 3 }));
        Assert.That(metadata.Topics.Single().Partitions, Has.Count.EqualTo(6));
    }

    [Test]
    public void Librdkafka_version_is_the_debian_2_0_line()
    {
        Assert.That(LibrdkafkaLoader.Version, Does.StartWith("2."));
    }

    [Test]
    public void Fault_injection_with_unknown_broker_id_throws()
    {
        using var cluster = EmbeddedKafkaCluster.Start(2);

        Assert.That(() => cluster.SetBrokerDown(3), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => cluster.SetBrokerRtt(0, TimeSpan.FromMilliseconds(5)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Use_after_dispose_throws_ObjectDisposedException()
    {
        var cluster = EmbeddedKafkaCluster.Start(1);
        cluster.Dispose();

        Assert.That(() => cluster.CreateTopic("late", 1), Throws.InstanceOf<ObjectDisposedException>());
        Assert.DoesNotThrow(cluster.Dispose, "a second Dispose is harmless");
    }

    [Test]
    public void Partition_leader_move_is_seen_in_metadata()
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);
        cluster.CreateTopic("moves", 1);
        cluster.SetPartitionLeader("moves", 0, 2);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var leader = admin.GetMetadata("moves", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single().Leader;

        Assert.That(leader, Is.EqualTo(2));
    }
}
