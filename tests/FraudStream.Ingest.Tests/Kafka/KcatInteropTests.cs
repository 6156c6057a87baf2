using FraudStream.Ingest.Kafka;
using FraudStream.Tests.Shared;

namespace FraudStream.Ingest.Tests.Kafka;

/// <summary>The embedded cluster speaks the real protocol: a separate process with another client (kcat) works against it.</summary>
[TestFixture]
public sealed class KcatInteropTests
{
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = EmbeddedKafkaCluster.Start(3);

    [OneTimeTearDown]
    public void StopCluster() => _cluster.Dispose();

    [Test]
    public void Kcat_lists_the_brokers_and_topics()
    {
        _cluster.CreateTopic("listed", 4);

        var (exit, output, error) = ExternalTool.Run("kcat", ["-L", "-b", _cluster.BootstrapServers, "-t", "listed"]);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("3 brokers").And.Contain("topic \"listed\" with 4 partitions"));
    }

    [Test]
    public void Records_produced_by_kcat_are_consumed_by_our_consumer_group()
    {
        _cluster.CreateTopic("from-kcat", 2);
        var lines = Enumerable.Range(0, 200).Select(i => $"+86139{i % 10:D8}\t{{\"n\":{i}}}").ToList();

        var (exit, _, error) = ExternalTool.Run("kcat", ["-P", "-b", _cluster.BootstrapServers, "-t", "from-kcat", "-K", "\t"], string.Join('\n', lines) + "\n");
        var received = KafkaTestClients.Drain(_cluster, "from-kcat", "g-from-kcat", 200, TimeSpan.FromSeconds(60));

        Assert.That(exit, Is.Zero, error);
        Assert.That(received.Select(r => KafkaTestClients.Key(r) + "\t" + KafkaTestClients.Value(r)), Is.EquivalentTo(lines));
    }

    [Test]
    public async Task Records_produced_by_our_producer_are_consumed_by_kcat()
    {
        _cluster.CreateTopic("to-kcat", 3);
        var records = Enumerable.Range(0, 150).Select(i => ($"+86137{i % 9:D8}", $"{{\"n\":{i}}}")).ToList();
        await KafkaTestClients.ProduceAsync(_cluster, "to-kcat", records);

        var (exit, output, error) = ExternalTool.Run("kcat", ["-C", "-b", _cluster.BootstrapServers, "-t", "to-kcat", "-e", "-q", "-f", "%k|%s\\n"]);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(records.Select(r => r.Item1 + "|" + r.Item2)));
    }
}
