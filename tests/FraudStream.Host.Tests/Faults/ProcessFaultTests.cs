using FraudStream.Alerts;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Faults;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Host.Tests.Faults;

/// <summary>
/// Issue 7, items 2 and 3: <c>fraudstream run</c> as a child process, stopped mid-stream with SIGTERM or killed
/// with SIGKILL, then restarted, while traffic keeps arriving. The embedded cluster lives in this process, so it
/// outlives the service. The traffic has no redeliveries, so every repeated decision is the service's own.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ProcessFaultTests
{
    private const long Records = 15_000;
    private const double Rate = 3_000;
    private const string Group = "faults";

    private static readonly IngestOptions s_ingest = new();
    private static readonly AlertsOptions s_alerts = new();

    [Test]
    public async Task Sigterm_mid_stream_then_restart_loses_nothing_and_repeats_nothing()
    {
        using var cluster = Cluster();
        var bootstrap = cluster.BootstrapServers;
        var produced = ProduceAsync(bootstrap);

        int exit;
        long uncommittedAfterStop;
        using (var first = Service(bootstrap))
        {
            await WhenDecidedAsync(bootstrap, Records / 4, first);
            exit = await first.TerminateAsync();
            Assert.That(exit, Is.Zero, first.Output);
            uncommittedAfterStop = Unprocessed(bootstrap);
        }

        var ledger = await RestartAndDrainAsync(bootstrap, produced);

        TestContext.Progress.WriteLine($"[fault matrix] 3 SIGTERM: exit {exit}, {uncommittedAfterStop} input records left for the restart");
        ledger.AssertNothingLost("3 SIGTERM and restart").AssertDuplicatesAtMost(0, "3 SIGTERM and restart", "none: a graceful stop commits what it processed");
    }

    [Test]
    public async Task Sigkill_mid_batch_then_restart_loses_nothing_and_repeats_at_most_the_uncommitted_window()
    {
        using var cluster = Cluster();
        var bootstrap = cluster.BootstrapServers;
        var produced = ProduceAsync(bootstrap);

        long window, committed;
        using (var first = Service(bootstrap))
        {
            await WhenDecidedAsync(bootstrap, Records / 4, first);
            await first.KillAsync();
            await Task.Delay(500); // requests the brokers received before the kill are appended
            // What the killed instance processed (its outputs reached Kafka) without committing: at most that is
            // processed again. The traffic has no redeliveries, so records processed = caller decisions + dead letters.
            var processed = TopicReader.ReadAll(bootstrap, s_alerts.DecisionTopic).Count(d => System.Text.Encoding.UTF8.GetString(d.Message.Value).Contains("\"stage\":\"caller\"", StringComparison.Ordinal))
                + TopicReader.Count(bootstrap, s_ingest.DeadLetterTopic);
            committed = TopicReader.Committed(bootstrap, s_ingest.Topic, Group);
            window = processed - committed;
        }

        var ledger = await RestartAndDrainAsync(bootstrap, produced);

        TestContext.Progress.WriteLine($"[fault matrix] 2 SIGKILL: {committed} input records committed, {window} more processed at the kill");
        ledger.AssertNothingLost("2 SIGKILL and restart").AssertDuplicatesAtMost(window, "2 SIGKILL and restart", "what the killed instance processed beyond its committed offsets");
    }

    private static EmbeddedKafkaCluster Cluster()
    {
        var cluster = EmbeddedKafkaCluster.Start(3);
        foreach (var topic in new[] { s_ingest.Topic, s_alerts.CalleeTopic, s_alerts.Topic, s_alerts.DecisionTopic })
            cluster.CreateTopic(topic, 6);
        cluster.CreateTopic(s_ingest.DeadLetterTopic, 1);
        return cluster;
    }

    private static Task<RunSummary> ProduceAsync(string bootstrap) => Task.Run(async () =>
    {
        var simulator = new TrafficSimulator(new SimulationOptions { Population = 5_000, Seed = 17, Malformed = 0.005, ExpectedRecords = Records });
        await using var sink = KafkaRecordSink.Connect(new KafkaOptions { BootstrapServers = bootstrap }, s_ingest.Topic);
        return await SimulationRun.RunAsync(simulator, sink, new RunLimits(Records, null, Rate), TimeProvider.System, null, CancellationToken.None);
    });

    // The product's child process of bench --faults, with the small buffers that keep the uncommitted window known.
    private static ServiceChild Service(string bootstrap) => ServiceChild.Start(bootstrap, Group, redis: null, maxBatchSize: 200, partitionBufferSize: 500);

    private static void AssertRunning(ServiceChild service)
    {
        if (service.HasExited)
            Assert.Fail($"fraudstream run exited with {service.ExitCode}: {service.Output}");
    }

    private static async Task WhenDecidedAsync(string bootstrap, long decisions, ServiceChild service)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (TopicReader.Count(bootstrap, s_alerts.DecisionTopic) < decisions)
        {
            AssertRunning(service);
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"fewer than {decisions} decisions within 60 s:\n{service.Output}");
            await Task.Delay(200);
        }
    }

    // Input records beyond the caller stage's committed offsets.
    private static long Unprocessed(string bootstrap) => TopicReader.Uncommitted(bootstrap, s_ingest.Topic, Group);

    // A second service takes over, the traffic ends, both stages commit the end of their topics, SIGTERM, ledger.
    private static async Task<DeliveryLedger> RestartAndDrainAsync(string bootstrap, Task<RunSummary> produced)
    {
        using var second = Service(bootstrap);
        await produced.WaitAsync(TimeSpan.FromSeconds(120));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        long caller, callee;
        while (true)
        {
            AssertRunning(second);
            caller = TopicReader.Uncommitted(bootstrap, s_ingest.Topic, Group);
            callee = TopicReader.Uncommitted(bootstrap, s_alerts.CalleeTopic, ScoringPipeline.CalleeGroup(Group));
            if (caller == 0 && callee == 0)
                break;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the restarted service did not catch up within 120 s: caller stage {caller} uncommitted, callee stage {callee}\n{second.Output}");
            await Task.Delay(500);
        }

        Assert.That(await second.TerminateAsync(), Is.Zero, second.Output);
        return DeliveryLedger.Read(bootstrap, s_ingest, s_alerts);
    }
}
