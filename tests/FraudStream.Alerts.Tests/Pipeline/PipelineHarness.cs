using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Redis;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;
using StackExchange.Redis;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// The pipeline's surroundings for end-to-end tests: an embedded Kafka cluster with the pipeline's topics, a
/// private redis-server, the shipped model and thresholds, simulated traffic in, and readers of every topic out.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    public const int Partitions = 6;

    private readonly List<IDisposable> _owned = [];

    public PipelineHarness(bool redis = true)
    {
        Cluster = EmbeddedKafkaCluster.Start(3);
        Kafka = new KafkaOptions { BootstrapServers = Cluster.BootstrapServers, SessionTimeoutMs = 6000, GroupId = "pipeline-test" };
        Ingest = new IngestOptions();
        Alerts = new AlertsOptions { PublishDecisions = true };
        foreach (var topic in new[] { Ingest.Topic, Alerts.CalleeTopic, Alerts.Topic, Alerts.DecisionTopic })
            Cluster.CreateTopic(topic, Partitions);
        Cluster.CreateTopic(Ingest.DeadLetterTopic, 1);

        if (redis)
        {
            Redis = PrivateRedisServer.Start();
            Connection = RedisConnector.Connect(new RedisOptions { Configuration = Redis.Configuration });
            Blocklist = new BlocklistOptions { KeyPrefix = "e2e:" };
        }

        Thresholds = new ThresholdsProvider(Path.Combine(AppContext.BaseDirectory, ThresholdsFile.DefaultRelativePath));
        Model = FraudModel.Load(Path.Combine(RepoRoot(), "Host", "models", "default-model.zip"));
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public KafkaOptions Kafka { get; }

    public IngestOptions Ingest { get; }

    public AlertsOptions Alerts { get; }

    public PrivateRedisServer? Redis { get; }

    public ConnectionMultiplexer? Connection { get; }

    public BlocklistOptions? Blocklist { get; }

    public ThresholdsProvider Thresholds { get; }

    public FraudModel Model { get; }

    public LabelStore Labels => new(Connection!, Blocklist);

    /// <summary>Simulated traffic with known fraud, redeliveries and broken records.</summary>
    public static SimulationOptions Traffic(long records, ulong seed = 7) => new()
    {
        Population = 5_000,
        Seed = seed,
        Duplicates = 0.02,
        Malformed = 0.005,
        ExpectedRecords = records,
    };

    /// <summary>Everything one instance scores with (its own replica and pair tables, as a separate process would have).</summary>
    public async Task<ScoringServices> ServicesAsync()
    {
        BlocklistReplica? replica = null;
        if (Connection is not null)
        {
            replica = new BlocklistReplica(Connection, Blocklist);
            await replica.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            _owned.Add(new AsyncDisposer(replica));
        }

        return new ScoringServices(replica, Thresholds, Model, new FeatureOptions());
    }

    /// <summary>
    /// Produces like a live carrier, at <paramref name="rate"/> records/s (0 = as fast as possible, a backlog;
    /// see <see cref="PipelineBacklogTests"/>).
    /// </summary>
    public async Task<RunSummary> ProduceAsync(TrafficSimulator simulator, long records, double rate = 10_000)
    {
        await using var sink = KafkaRecordSink.Connect(Kafka, Ingest.Topic);
        return await SimulationRun.RunAsync(simulator, sink, new RunLimits(records, null, rate), TimeProvider.System, null, CancellationToken.None);
    }

    /// <summary>Waits until the pipelines together have consumed <paramref name="records"/> on the caller stage and the callee stage has caught up.</summary>
    public static async Task WaitCaughtUpAsync(IReadOnlyList<ScoringPipeline> pipelines, long records, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var caller = pipelines.Sum(p => p.CallerIngest.Records);
            var events = pipelines.Sum(p => p.CalleeRecordsDue);
            var callee = pipelines.Sum(p => p.CalleeIngest.Records);
            if (caller >= records && callee >= events)
                return;
            await Task.Delay(100);
        }

        Assert.Fail($"pipelines did not catch up within {timeout}: caller {pipelines.Sum(p => p.CallerIngest.Records)}/{records}, callee {pipelines.Sum(p => p.CalleeIngest.Records)}/{pipelines.Sum(p => p.CalleeRecordsDue)}");
    }

    /// <summary>Every record of <paramref name="topic"/>, read from the beginning to the end of each partition.</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic, bool readCommitted = false)
    {
        var config = KafkaClientConfigs.Consumer(Kafka, "reader-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        config.IsolationLevel = readCommitted ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Kafka.BootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Count;
        var records = new List<ConsumeResult<byte[], byte[]>>();
        for (var p = 0; p < partitions; p++)
        {
            var tp = new TopicPartition(topic, p);
            var end = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value;
            if (end == 0)
                continue;
            consumer.Assign(new TopicPartitionOffset(tp, Offset.Beginning));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var r = consumer.Consume(TimeSpan.FromMilliseconds(500));
                if (r is null)
                {
                    if (consumer.Position(tp).Value >= end)
                        break;
                    continue;
                }

                records.Add(r);
                if (r.Offset.Value + 1 >= end)
                    break;
            }
        }

        consumer.Close();
        return records;
    }

    public void Dispose()
    {
        foreach (var d in _owned)
            d.Dispose();
        Thresholds.Dispose();
        Connection?.Dispose();
        Redis?.Dispose();
        Cluster.Dispose();
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("FraudStream.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class AsyncDisposer(IAsyncDisposable target) : IDisposable
    {
        public void Dispose() => target.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
