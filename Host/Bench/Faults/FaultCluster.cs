using System.Text;
using Confluent.Kafka;
using FraudStream.Alerts;
using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Service;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Redis;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;
using Microsoft.Extensions.Logging;

namespace FraudStream.Host.Bench.Faults;

/// <summary>
/// What one scenario runs on: a fresh embedded cluster (3 brokers) with FraudStream's topics, a private redis-server,
/// and one pipeline of <c>fraudstream run</c> publishing decisions; plus the traffic into it and the read-back.
/// </summary>
internal sealed class FaultCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private ScoringRuntime? _runtime;
    private ScoringPipeline? _pipeline;
    private Task? _running;

    private FaultCluster(EmbeddedKafkaCluster cluster, KafkaOptions kafka, IngestOptions ingest, AlertsOptions alerts, int partitions, PrivateRedisServer redis)
    {
        Cluster = cluster;
        Kafka = kafka;
        Ingest = ingest;
        Alerts = alerts;
        Partitions = partitions;
        Redis = redis;
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public KafkaOptions Kafka { get; }

    public IngestOptions Ingest { get; }

    public AlertsOptions Alerts { get; }

    public int Partitions { get; }

    public PrivateRedisServer Redis { get; }

    public ScoringPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("not started");

    /// <summary>Topics and Redis up, the pipeline started and owning every partition of both stages.</summary>
    public static async Task<FaultCluster> StartAsync(ServiceOptions options, int partitions, string group, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var cluster = EmbeddedKafkaCluster.Start(3);
        var kafka = options.Kafka.WithGroup(group);
        kafka.BootstrapServers = cluster.BootstrapServers;
        // The embedded cluster completes a rebalance only after a departed member's session times out.
        kafka.SessionTimeoutMs = 6000;
        var ingest = options.Ingest.WithTopic(options.Ingest.Topic);
        var alerts = options.Alerts;
        alerts.PublishDecisions = true;
        foreach (var topic in new[] { ingest.Topic, alerts.CalleeTopic, alerts.Topic, alerts.DecisionTopic })
            cluster.CreateTopic(topic, partitions);
        cluster.CreateTopic(ingest.DeadLetterTopic, 1);

        var run = new FaultCluster(cluster, kafka, ingest, alerts, partitions, PrivateRedisServer.Start());
        try
        {
            var runtimeOptions = options.Runtime;
            runtimeOptions.Redis.Configuration = run.Redis.Configuration;
            run._runtime = await ScoringRuntime.StartAsync(runtimeOptions, loggers, cancellationToken).ConfigureAwait(false);
            run._pipeline = new ScoringPipeline(kafka, ingest, alerts, run._runtime.Services, run._runtime.AutoLabeler, loggers);
            run._running = run._pipeline.RunAsync(run._stop.Token);
            await run.WaitAsync(() => run.Pipeline.CallerIngest.AssignedPartitions == partitions && run.Pipeline.CalleeIngest.AssignedPartitions == partitions,
                TimeSpan.FromSeconds(60), "own its partitions", cancellationToken).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// What one instance may process again after it stops without committing (a lost partition, a failed commit): what
    /// its partition buffers and batches hold plus one auto-commit interval (1 s) of traffic at <paramref name="rate"/>.
    /// </summary>
    public long UncommittedWindow(double rate) => Partitions * (long)(Ingest.PartitionBufferSize + Ingest.MaxBatchSize) + (long)rate;

    /// <summary>
    /// Sends <paramref name="records"/> of <paramref name="simulator"/>'s traffic: a burst of <paramref name="rate"/> records
    /// every second (0: all at once). Bursts, not a record-by-record pace: the embedded broker returns at most one produced
    /// batch per partition per fetch, so a producer sending tiny batches would throttle every consumer.
    /// </summary>
    public async Task ProduceAsync(TrafficSimulator simulator, long records, double rate, CancellationToken cancellationToken)
    {
        await using var sink = KafkaRecordSink.Connect(Kafka, Ingest.Topic);
        var burst = rate > 0 ? (long)rate : records;
        for (long sent = 0; sent < records; sent += burst)
        {
            var next = Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await SimulationRun.RunAsync(simulator, sink, new RunLimits(Math.Min(burst, records - sent), null, 0), TimeProvider.System, null, cancellationToken).ConfigureAwait(false);
            if (sent + burst < records)
                await next.ConfigureAwait(false);
        }
    }

    /// <summary>Poison pills into every partition of the CDR topic, keyed <c>pill&lt;n&gt;</c>.</summary>
    public async Task ProducePillsAsync()
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(Kafka)).SetLogHandler(static (_, _) => { }).Build();
        var pills = PoisonPills.Generate();
        for (var i = 0; i < pills.Count; i++)
        {
            await producer.ProduceAsync(new TopicPartition(Ingest.Topic, i % Partitions),
                new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("pill" + i), Value = pills[i] }).ConfigureAwait(false);
        }
    }

    public Task WhenConsumedAsync(long records, CancellationToken cancellationToken)
        => WaitAsync(() => Pipeline.CallerIngest.Records >= records, TimeSpan.FromSeconds(120), $"consume {records:N0} records", cancellationToken);

    /// <summary>Waits until both stages' groups have committed the end of their topics; fails when that stops moving for 60 s.</summary>
    public async Task WaitCommittedAsync(CancellationToken cancellationToken)
    {
        var callee = ScoringPipeline.CalleeGroup(Kafka.GroupId);
        var lastBehind = long.MaxValue;
        var lastChange = DateTime.UtcNow;
        while (true)
        {
            var behind = TopicReader.Uncommitted(Kafka.BootstrapServers, Ingest.Topic, Kafka.GroupId)
                         + TopicReader.Uncommitted(Kafka.BootstrapServers, Alerts.CalleeTopic, callee);
            if (behind == 0)
                return;
            if (behind < lastBehind)
                (lastBehind, lastChange) = (behind, DateTime.UtcNow);
            else if (DateTime.UtcNow - lastChange > TimeSpan.FromSeconds(60))
                throw new BenchFailedException($"{behind:N0} records stayed uncommitted for 60 s: {Describe()}");
            ThrowIfStopped();
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records the broker dropped from the start of the topics the ledger reads (its 5 MiB per partition).</summary>
    public long Dropped()
        => new[] { Ingest.Topic, Alerts.DecisionTopic, Alerts.CalleeTopic, Ingest.DeadLetterTopic }.Sum(t => TopicReader.Dropped(Kafka.BootstrapServers, t));

    /// <summary>Stops the pipeline gracefully, then reads the CDR, decision, dead-letter and re-keyed topics back.</summary>
    public async Task<DeliveryLedger> LedgerAsync()
    {
        await StopAsync().ConfigureAwait(false);
        var bootstrap = Kafka.BootstrapServers;
        return DeliveryLedger.Check(
            TopicReader.ReadAll(bootstrap, Ingest.Topic),
            TopicReader.ReadAll(bootstrap, Alerts.DecisionTopic),
            TopicReader.ReadAll(bootstrap, Ingest.DeadLetterTopic),
            Ingest,
            TopicReader.ReadAll(bootstrap, Alerts.CalleeTopic));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _pipeline?.Dispose();
        if (_runtime is not null)
            await _runtime.DisposeAsync().ConfigureAwait(false);
        Redis.Dispose();
        Cluster.Dispose();
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        if (_running is null)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new BenchFailedException("the pipeline failed: " + e.GetBaseException().Message);
        }
        finally
        {
            _running = null;
        }
    }

    private void ThrowIfStopped()
    {
        if (_running is { IsCompleted: true } running)
            throw new BenchFailedException("the pipeline stopped: " + (running.Exception?.GetBaseException().Message ?? "without an error"));
    }

    private async Task WaitAsync(Func<bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            ThrowIfStopped();
            if (DateTime.UtcNow > deadline)
                throw new BenchFailedException($"the pipeline did not {what} within {timeout.TotalSeconds:F0} s: {Describe()}");
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Describe()
    {
        var p = Pipeline;
        return $"caller stage consumed {p.CallerIngest.Records:N0} ({p.CallerIngest.AssignedPartitions} partitions, lag {p.CallerIngest.TotalLag:N0}), callee stage {p.CalleeIngest.Records:N0} ({p.CalleeIngest.AssignedPartitions} partitions)";
    }
}
