using FraudStream.Alerts;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Harness;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.Logging;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// What one scenario runs on: a fresh embedded cluster (3 brokers) with FraudStream's topics, a private redis-server,
/// and the pipelines of <c>fraudstream run</c> publishing decisions (one, unless the scenario starts more); plus the
/// traffic into them and the read-back.
/// </summary>
internal sealed partial class FaultCluster : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private ScoringRuntime? _runtime;
    private ScoringServices? _services;

    private FaultCluster(EmbeddedKafkaCluster cluster, KafkaOptions kafka, IngestOptions ingest, AlertsOptions alerts, int partitions, PrivateRedisServer redis, ILoggerFactory loggers)
    {
        Cluster = cluster;
        Kafka = kafka;
        Ingest = ingest;
        Alerts = alerts;
        Partitions = partitions;
        Redis = redis;
        _loggers = loggers;
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public KafkaOptions Kafka { get; }

    public IngestOptions Ingest { get; }

    public AlertsOptions Alerts { get; }

    public int Partitions { get; }

    public PrivateRedisServer Redis { get; }

    /// <summary>The in-process pipelines' delivery reports and released offsets; null for child processes and <see cref="FaultSetup.Unaudited"/>.</summary>
    public DeliveryAudit? Audit { get; private init; }

    /// <summary>What the scenario observed and expected beyond the ledger.</summary>
    public FaultNotes Notes { get; } = new();

    /// <summary>The duplicates a <see cref="DuplicateBound.Measured"/> scenario allows, set by its fault.</summary>
    public long MeasuredBound { get; set; }

    /// <summary>The caller stage's committed offsets per partition when a stopped instance was replaced, for the bound.</summary>
    public IReadOnlyDictionary<int, long>? HandOver { get; set; }

    /// <summary>The first pipeline, started with the cluster.</summary>
    public ScoringPipeline Pipeline => _instances.Count > 0 ? _instances[0].Pipeline : throw new InvalidOperationException("not started");

    /// <summary>
    /// Topics and Redis up, the first pipeline started and owning every partition of both stages; or, with
    /// <see cref="FaultSetup.Processes"/>, the first <c>fraudstream run</c> child started.
    /// </summary>
    public static async Task<FaultCluster> StartAsync(ServiceOptions options, int partitions, string group, FaultSetup setup, ILoggerFactory loggers, CancellationToken cancellationToken)
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

        var run = new FaultCluster(cluster, kafka, ingest, alerts, partitions, PrivateRedisServer.Start(), loggers)
        {
            Audit = setup.HasFlag(FaultSetup.Processes) || setup.HasFlag(FaultSetup.Unaudited) ? null : new DeliveryAudit(ingest, alerts),
        };
        try
        {
            if (setup.HasFlag(FaultSetup.Processes))
            {
                run.StartChild();
                return run;
            }

            var runtimeOptions = options.Runtime;
            runtimeOptions.Redis.Configuration = run.Redis.Configuration;
            if (setup.HasFlag(FaultSetup.ScaledBreaker))
                runtimeOptions = runtimeOptions with { Blocklist = ScaledBreaker.Of(runtimeOptions.Blocklist) };
            run._runtime = await ScoringRuntime.StartAsync(runtimeOptions, loggers, cancellationToken).ConfigureAwait(false);
            run._services = run._runtime.Services;
            if (setup.HasFlag(FaultSetup.NanModel))
            {
                run._services = run._services with { Model = LoadNanModel() };
            }

            var first = run.StartInstance();
            await run.WaitAsync(() => first.CallerIngest.AssignedPartitions == partitions && first.CalleeIngest.AssignedPartitions == partitions,
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
    /// its partition buffers and batches hold (two batches: one whose outputs are in flight, one being scored) plus one
    /// auto-commit interval (1 s) of traffic at <paramref name="rate"/>.
    /// </summary>
    public long UncommittedWindow(double rate) => Partitions * (long)(Ingest.PartitionBufferSize + (2 * Ingest.MaxBatchSize)) + (long)rate;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAllAsync().ConfigureAwait(false);
        }
        catch (BenchFailedException)
        {
            // Reported by the scenario's ledger, which stopped them first.
        }

        foreach (var instance in _instances)
            instance.Dispose();
        DisposeChildren();

        if (_runtime is not null)
            await _runtime.DisposeAsync().ConfigureAwait(false);
        Redis.Dispose();
        Cluster.Dispose();
    }

    // Voice calls score NaN (below 0.5 on the SMS feature), SMS score low.
    private static FraudModel LoadNanModel()
    {
        var path = NanModel.Write(Feature.EventSms, 0.5f);
        try
        {
            return FraudModel.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task WaitAsync(Func<bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            ThrowIfStopped();
            if (DateTime.UtcNow > deadline)
                throw new BenchFailedException($"the pipeline did not {what} within {timeout.TotalSeconds:F0} s: {Describe()}");
            // Children are watched through the topics: a reader per look, so look less often.
            await Task.Delay(_children.Count > 0 ? 500 : 50, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Describe() => _children.Count > 0 ? $"{ConsumedByChildren():N0} records decided by the children; last output: {_children[^1].Child.Output}" : string.Join("; ", _instances.Select(static (i, n) =>
        $"instance {n + 1}{(i.Retired ? " (stopped)" : "")}: caller stage consumed {i.Pipeline.CallerIngest.Records:N0} ({i.Pipeline.CallerIngest.AssignedPartitions} partitions, lag {i.Pipeline.CallerIngest.TotalLag:N0}), callee stage {i.Pipeline.CalleeIngest.Records:N0} ({i.Pipeline.CalleeIngest.AssignedPartitions} partitions)"));
}
