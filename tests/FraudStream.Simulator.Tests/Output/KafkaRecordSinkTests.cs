using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.Simulator.Output;

namespace FraudStream.Simulator.Tests.Output;

[TestFixture]
public sealed class KafkaRecordSinkTests
{
    private const string Topic = "telco.cdr.v1";
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = EmbeddedKafkaCluster.Start(1);
        _cluster.CreateTopic(Topic, 3);
    }

    [OneTimeTearDown]
    public void StopCluster() => _cluster.Dispose();

    [Test]
    public async Task RunAsync_to_kafka_delivers_every_record_keyed_by_caller_as_the_file_would_hold_it()
    {
        const int count = 5_000;
        var options = new SimulationOptions { Population = 2_000, Duplicates = 0.05 };
        var expected = new MemorySink();
        await SimulationRun.RunAsync(new TrafficSimulator(options), expected, new RunLimits(count, null, 0), TimeProvider.System, null, CancellationToken.None);

        await using (var sink = KafkaRecordSink.Connect(Options(), Topic))
        {
            var summary = await SimulationRun.RunAsync(new TrafficSimulator(options), sink, new RunLimits(count, null, 20_000), TimeProvider.System, null, CancellationToken.None);
            Assert.That(summary.Records, Is.EqualTo(count));
        }

        var received = Drain(count, TimeSpan.FromSeconds(60));
        Assert.That(received, Has.Count.EqualTo(count));
        Assert.That(received, Is.EquivalentTo(expected.Records), "same keys and bytes as the file output");
        Assert.That(received.Select(r => CdrContract.Parse(r.Record, out _)!.Caller), Is.EqualTo(received.Select(r => r.Key)));
    }

    [Test]
    public void Connect_to_an_unreachable_cluster_fails_fast_with_one_line()
    {
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<OutputUnavailableException>(() => KafkaRecordSink.Connect(new KafkaOptions { BootstrapServers = "127.0.0.1:1" }, Topic));

        Assert.That(e!.Message, Does.StartWith("cannot reach Kafka at 127.0.0.1:1").And.Not.Contain("\n"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
    }

    private KafkaOptions Options() => new() { BootstrapServers = _cluster.BootstrapServers, ClientId = "fraudstream-simulator-tests", SessionTimeoutMs = 6000 };

    private List<(string Key, string Record)> Drain(int expected, TimeSpan timeout)
    {
        var received = new List<(string, string)>();
        var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(Options(), "simulator-tests"))
            .Build();
        try
        {
            consumer.Subscribe(Topic);
            var deadline = DateTime.UtcNow + timeout;
            while (received.Count < expected && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
                    received.Add((Encoding.UTF8.GetString(result.Message.Key), Encoding.UTF8.GetString(result.Message.Value)));
            }

            // A straggler beyond the count would be a record produced twice.
            if (consumer.Consume(TimeSpan.FromMilliseconds(300)) is { } extra)
                received.Add((Encoding.UTF8.GetString(extra.Message.Key), Encoding.UTF8.GetString(extra.Message.Value)));
        }
        finally
        {
            consumer.Close();
            consumer.Dispose();
        }

        return received;
    }
}
