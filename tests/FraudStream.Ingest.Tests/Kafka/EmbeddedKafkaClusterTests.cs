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
    public void Mock_cluster_imports_bind_to_the_librdkafka_Confluent_Kafka_loaded_from_the_redist()
    {
        // The version read through FraudStream's own P/Invoke equals Confluent.Kafka's: one library, the NuGet one.
        Assert.That(LibrdkafkaLoader.Version, Is.EqualTo(Library.VersionString));
        Assert.That(Library.VersionString, Does.StartWith("2.16."));
        Assert.That(LibrdkafkaLoader.LoadedPath, Does.Contain("/runtimes/linux-x64/native/").And.EndsWith("librdkafka.so"));
        Assert.That(File.ReadAllText("/proc/self/maps"), Does.Not.Contain("/usr/lib/x86_64-linux-gnu/librdkafka"), "no Debian librdkafka in the process");
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
