using Confluent.Kafka;
using Confluent.Kafka.Admin;
using FraudStream.Alerts;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// The Kafka side of a bench run: the embedded cluster (3 brokers in this process) or the cluster at
/// <c>--bootstrap</c>, and this run's own topics and groups (named after the run, so a run on a real cluster
/// touches no carrier topic; they are deleted again at the end).
/// </summary>
internal sealed class BenchKafka : IDisposable
{
    private const int EmbeddedBrokers = 3;

    // The mock cluster holds an empty fetch for the whole fetch.wait.max.ms even when records arrive meanwhile
    // (a real broker answers as soon as there is data): at librdkafka's default of 500 ms, records produced at
    // 200/s wait 260 ms at the median before a consumer sees them (measured). 5 ms keeps that wait out of the
    // latency; idle consumers then poll each broker up to 200 times a second. A lower Kafka:FetchWaitMaxMs in the
    // configuration is kept.
    private const int EmbeddedFetchWaitMaxMs = 5;

    private readonly EmbeddedKafkaCluster? _cluster;
    private readonly bool _ownsCluster;
    private readonly string[] _created;
    private bool _disposed;

    private BenchKafka(EmbeddedKafkaCluster? cluster, bool ownsCluster, KafkaOptions kafka, IngestOptions ingest, AlertsOptions alerts, int partitions, string[] created)
    {
        _cluster = cluster;
        _ownsCluster = ownsCluster;
        Kafka = kafka;
        Ingest = ingest;
        Alerts = alerts;
        Partitions = partitions;
        _created = created;
    }

    public KafkaOptions Kafka { get; }

    public IngestOptions Ingest { get; }

    public AlertsOptions Alerts { get; }

    public int Partitions { get; }

    public bool Embedded => _cluster is not null;

    public string Description => _cluster is { } c
        ? $"embedded: librdkafka {LibrdkafkaLoader.Version} mock cluster, {c.BrokerCount} brokers in this process (their thread's CPU is measured apart from FraudStream's)"
        : $"{Kafka.BootstrapServers} (a real cluster, brokers outside this process)";

    public static async Task<BenchKafka> StartAsync(BenchSettings settings, KafkaOptions configured, IngestOptions ingest, AlertsOptions alerts, string runId)
    {
        var kafka = configured.WithGroup($"fraudstream-bench-{runId}");
        if (settings.Bootstrap is null)
        {
            var cluster = EmbeddedKafkaCluster.Start(EmbeddedBrokers);
            kafka.BootstrapServers = cluster.BootstrapServers;
            kafka.SessionTimeoutMs = 6000;
            kafka.FetchWaitMaxMs = Math.Min(kafka.FetchWaitMaxMs, EmbeddedFetchWaitMaxMs);
            return await CreateAsync(cluster, ownsCluster: true, kafka, ingest, alerts, $"fraudstream-bench-{runId}.", settings.EffectivePartitions).ConfigureAwait(false);
        }

        kafka.BootstrapServers = settings.Bootstrap;
        return await CreateAsync(null, ownsCluster: false, kafka, ingest, alerts, $"fraudstream-bench-{runId}.", settings.EffectivePartitions).ConfigureAwait(false);
    }

    /// <summary>
    /// A set of new, empty topics of <paramref name="partitions"/> each on the same cluster, with its own groups;
    /// disposing it deletes them (on a real cluster) but leaves the cluster running.
    /// </summary>
    public Task<BenchKafka> FreshTopicsAsync(string name, int partitions)
        => CreateAsync(_cluster, ownsCluster: false, Kafka.WithGroup(Kafka.GroupId + "-" + name), Ingest, Alerts, TopicPrefix(Ingest.Topic) + name + ".", partitions);

    private static async Task<BenchKafka> CreateAsync(
        EmbeddedKafkaCluster? cluster, bool ownsCluster, KafkaOptions kafka, IngestOptions template, AlertsOptions alertsTemplate, string prefix, int partitions)
    {
        var ingest = template.WithTopic(prefix + "cdr");
        ingest.DeadLetterTopic = prefix + "cdr-dlq";
        var alerts = new AlertsOptions
        {
            Topic = prefix + "alert",
            CalleeTopic = prefix + "cdr-by-callee",
            DecisionTopic = prefix + "decision",
            PublishDecisions = false,
            SuppressionWindow = alertsTemplate.SuppressionWindow,
            ExplanationFeatures = alertsTemplate.ExplanationFeatures,
            AutoLabel = alertsTemplate.AutoLabel,
            OrderedMerge = alertsTemplate.OrderedMerge,
            WatermarkInterval = alertsTemplate.WatermarkInterval,
            SourceIdle = alertsTemplate.SourceIdle,
        };
        (string Name, int Partitions)[] topics = [(ingest.Topic, partitions), (alerts.CalleeTopic, partitions), (alerts.Topic, partitions), (ingest.DeadLetterTopic, 1)];
        if (cluster is not null)
        {
            foreach (var (name, count) in topics)
                cluster.CreateTopic(name, count);
            return new BenchKafka(cluster, ownsCluster, kafka, ingest, alerts, partitions, []);
        }

        using var admin = Admin(kafka);
        int brokers;
        try
        {
            brokers = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Count;
        }
        catch (KafkaException e)
        {
            throw new BenchFailedException($"cannot reach Kafka at {kafka.BootstrapServers}: {e.Error.Reason}; check --bootstrap and that the brokers are up");
        }

        var specs = topics.Select(t => new TopicSpecification { Name = t.Name, NumPartitions = t.Partitions, ReplicationFactor = (short)Math.Min(3, brokers) });
        try
        {
            await admin.CreateTopicsAsync(specs, new CreateTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(30), RequestTimeout = TimeSpan.FromSeconds(15) }).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            // librdkafka's mock cluster (`fraudstream broker`) names no controller, so it cannot create topics this way.
            var reason = e is CreateTopicsException created ? created.Results.First(r => r.Error.IsError).Error.Reason : e.Error.Reason;
            throw new BenchFailedException($"cannot create the bench's topics on {kafka.BootstrapServers}: {reason}; the cluster must let this client create topics (a real Kafka cluster; librdkafka's mock, as `fraudstream broker` runs it, cannot)");
        }

        return new BenchKafka(null, ownsCluster, kafka, ingest, alerts, partitions, [.. topics.Select(t => t.Name)]);
    }

    // "fraudstream-bench-<run>.cdr" -> "fraudstream-bench-<run>."
    private static string TopicPrefix(string cdrTopic) => cdrTopic[..(cdrTopic.LastIndexOf('.') + 1)];

    /// <summary>Low and high watermark of every partition of <paramref name="topic"/>.</summary>
    public IReadOnlyList<WatermarkOffsets> Watermarks(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Reader(Kafka, Kafka.GroupId + "-watermarks", fromBeginning: true))
            .SetLogHandler(static (_, _) => { })
            .Build();
        var result = new WatermarkOffsets[partitions];
        for (var p = 0; p < partitions; p++)
            result[p] = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
        return result;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_created.Length > 0)
        {
            try
            {
                using var admin = Admin(Kafka);
                admin.DeleteTopicsAsync(_created, new DeleteTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(30) }).Wait(TimeSpan.FromSeconds(40));
            }
            catch (AggregateException)
            {
                // Best effort: the topics carry the run id and can be deleted by hand.
            }
        }

        if (_ownsCluster)
            _cluster?.Dispose();
    }

    private static IAdminClient Admin(KafkaOptions kafka)
        => new AdminClientBuilder(KafkaClientConfigs.Admin(kafka))
            .SetLogHandler(static (_, _) => { })
            .Build();
}
