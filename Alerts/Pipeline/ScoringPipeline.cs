using FraudStream.Alerts.AutoLabels;
using FraudStream.Ingest;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// Ingest → Scoring → Alerts as one service: the caller stage (consumer group <c>Kafka:GroupId</c> on the
/// CDR topic) and the callee stage (group <c>{GroupId}.callee</c> on the internal re-keyed topic), sharing one
/// idempotent producer for alerts, decisions, re-keyed records and dead letters. Instances with the same
/// group share the partitions of both stages. At-least-once: each batch's offsets are stored after every
/// record it caused is acknowledged.
/// </summary>
public sealed class ScoringPipeline : IDisposable
{
    private readonly KafkaBatchProducer _producer;
    private readonly KafkaBatchProducer _calleeProducer;
    private readonly CdrConsumer _caller;
    private readonly CdrConsumer _callee;
    private readonly List<(Stage, IngestStatistics)> _consumers = [];
    private volatile bool _running;

    /// <param name="audit">Sees every delivery report and released offset of both stages (a fault harness's; none in production).</param>
    public ScoringPipeline(KafkaOptions kafka, IngestOptions ingest, AlertsOptions alerts, ScoringServices services,
        AutoLabeler? autoLabeler = null, ILoggerFactory? loggers = null, TimeProvider? time = null, IDeliveryAudit? audit = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        Services = services;
        // At-least-once: one idempotent producer for both stages. Exactly-once: one transactional producer per
        // stage, because a transaction carries the offsets of one consumer group.
        var producerLogger = loggers.CreateLogger<KafkaBatchProducer>();
        _producer = new KafkaBatchProducer(kafka.ExactlyOnce
            ? KafkaClientConfigs.TransactionalProducer(kafka, kafka.TransactionalId(Stage.Caller.Name))
            : KafkaClientConfigs.Producer(kafka), producerLogger, audit);
        _calleeProducer = kafka.ExactlyOnce
            ? new KafkaBatchProducer(KafkaClientConfigs.TransactionalProducer(kafka, kafka.TransactionalId(Stage.Callee.Name)), producerLogger, audit)
            : _producer;
        Metrics = new PipelineMetrics(_consumers, () => services.Blocklist is { } b && (b.IsDegraded || !b.IsLoaded) ? 1 : services.Blocklist is null ? 1 : 0, Statistics, services.Blocklist,
            () => AcknowledgedWithoutOffset);

        CallerHandler = new StageHandler(Stage.Caller, services, alerts, _producer, Statistics, Metrics, autoLabeler, time, loggers.CreateLogger<StageHandler>());
        var calleeHandler = new StageHandler(Stage.Callee, services, alerts, _calleeProducer, Statistics, Metrics, autoLabeler, time, loggers.CreateLogger<StageHandler>());
        _caller = new CdrConsumer(kafka, ingest, CallerHandler, _producer, loggers.CreateLogger<CdrConsumer>(), time, audit);
        // Only the caller stage merges its partitions into another topic; the callee stage needs no alignment.
        var calleeIngest = ingest.WithTopic(alerts.CalleeTopic);
        calleeIngest.MaxEventTimeSkew = TimeSpan.Zero;
        _callee = new CdrConsumer(kafka.WithGroup(CalleeGroup(kafka.GroupId)), calleeIngest, calleeHandler, _calleeProducer,
            loggers.CreateLogger<CdrConsumer>(), time, audit)
        {
            DerivedCopyHeader = Stage.CallAbroadHeader,
            SourceMergeIdle = alerts.OrderedMerge ? alerts.SourceIdle : null,
        };
        _consumers.Add((Stage.Caller, _caller.Statistics));
        _consumers.Add((Stage.Callee, _callee.Statistics));
    }

    public ScoringServices Services { get; }

    public PipelineStatistics Statistics { get; } = new();

    public PipelineMetrics Metrics { get; }

    /// <summary>Records the producers were told were delivered without an offset (<see cref="KafkaBatchProducer.AcknowledgedWithoutOffset"/>).</summary>
    public long AcknowledgedWithoutOffset => _producer.AcknowledgedWithoutOffset + (_calleeProducer == _producer ? 0 : _calleeProducer.AcknowledgedWithoutOffset);

    /// <summary>The caller stage's handler, for the fault tests' seams.</summary>
    internal StageHandler CallerHandler { get; }

    /// <summary>What the caller stage consumed: records, valid events, dead letters, duplicates, lag.</summary>
    public IngestStatistics CallerIngest => _caller.Statistics;

    public IngestStatistics CalleeIngest => _callee.Statistics;

    /// <summary>
    /// Records the caller stage has sent the callee stage so far: one re-keyed record per valid event, plus the
    /// copies of calls abroad. The callee stage has caught up when <see cref="CalleeIngest"/> read as many.
    /// </summary>
    public long CalleeRecordsDue => _caller.Statistics.Events + Statistics.OwnCallsCopied;

    /// <summary>Times a caller-stage partition waited for a slower one to keep the re-keyed topic in event-time order.</summary>
    public long AlignmentWaits => _caller.AlignmentWaits;

    /// <summary>Both stages are consuming.</summary>
    public bool IsRunning => _running;

    /// <summary>The callee stage's consumer group for a pipeline whose caller stage is <paramref name="groupId"/>.</summary>
    public static string CalleeGroup(string groupId) => groupId + ".callee";

    /// <summary>
    /// Runs both stages until <paramref name="stoppingToken"/> fires or one fails; then each finishes its
    /// buffered batches, commits and leaves its group. Throws the first failure.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var caller = _caller.RunAsync(stop.Token);
        var callee = _callee.RunAsync(stop.Token);
        _running = true;
        try
        {
            // One stage failing stops the other: a half pipeline would alert on callers only, silently.
            var first = await Task.WhenAny(caller, callee).ConfigureAwait(false);
            if (first.IsFaulted)
                await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(caller, callee).ConfigureAwait(false);
        }
        finally
        {
            _running = false;
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(caller.ContinueWith(static _ => { }, TaskScheduler.Default), callee.ContinueWith(static _ => { }, TaskScheduler.Default)).ConfigureAwait(false);
        }
    }

    /// <summary>Transactions committed by both stages (exactly-once mode).</summary>
    public long Transactions => _caller.Transactions + _callee.Transactions;

    public void Dispose()
    {
        _producer.Producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        if (_calleeProducer != _producer)
            _calleeProducer.Dispose();
        Metrics.Dispose();
    }
}
