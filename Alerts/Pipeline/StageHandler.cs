using System.Collections.Concurrent;
using FraudStream.Alerts.AutoLabels;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// What one stage's consumer hands its batches to: per partition, score, produce the alerts (suppressed per
/// number and kind), the optional decisions and — on the caller stage — the re-keyed records, and complete
/// only when Kafka has acknowledged all of them, so the consumer stores the batch's offsets after its outputs.
/// </summary>
public sealed class StageHandler : IBatchHandler
{
    private readonly ConcurrentDictionary<int, StagePartition> _partitions = new();
    private readonly KafkaBatchProducer _producer;

    public StageHandler(Stage stage, ScoringServices services, AlertsOptions options, KafkaBatchProducer producer,
        PipelineStatistics statistics, PipelineMetrics metrics, AutoLabeler? autoLabeler = null, TimeProvider? time = null, ILogger? logger = null)
    {
        Logger = logger ?? NullLogger.Instance;
        Stage = stage;
        Services = services;
        Options = options;
        _producer = producer;
        Statistics = statistics;
        Metrics = metrics;
        AutoLabeler = autoLabeler;
        Time = time ?? TimeProvider.System;
        CalleeTopic = stage == Stage.Caller ? options.CalleeTopic : null;
        DecisionTopic = options.PublishDecisions ? options.DecisionTopic : null;
        Watermarks = CalleeTopic is not null ? new Watermarks(producer, CalleeTopic, options.WatermarkInterval, Logger, options.OrderedMerge) : null;
    }

    public Stage Stage { get; }

    internal ScoringServices Services { get; }

    internal AlertsOptions Options { get; }

    internal PipelineStatistics Statistics { get; }

    internal PipelineMetrics Metrics { get; }

    internal AutoLabeler? AutoLabeler { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal string? CalleeTopic { get; }

    internal string? DecisionTopic { get; }

    /// <summary>
    /// The caller stage's view of both topics' partitions (where frames go), and its ordering keys and watermarks
    /// for the callee stage's ordered merge when that is on; null on the callee stage.
    /// </summary>
    internal Watermarks? Watermarks { get; }

    /// <summary>
    /// Fault-test seam, null outside tests: the records whose id it accepts are not re-keyed for the callee stage, yet
    /// their offsets are stored like every other's. The loss FraudStream must never cause, injected so a test can see
    /// the fault ledger blame FraudStream for it. Set before the pipeline runs.
    /// </summary>
    internal Func<string, bool>? SkipRekeying { get; set; }

    private KeyValuePair<string, object?> StageTag => PipelineMetrics.Stage(Stage.Name);

    /// <summary>Scoring is synchronous; the task only waits for the outputs' acknowledgement.</summary>
    public bool OverlapsAcknowledgement => true;

    public Task HandleAsync(EventBatch batch, CancellationToken cancellationToken)
        => _partitions.GetOrAdd(batch.Partition, static (_, self) => new StagePartition(self, self._producer), this).HandleAsync(batch, cancellationToken);

    public void OnPartitionsRevoked(string topic, IReadOnlyList<int> partitions)
    {
        // Their state goes with them: the next owner rebuilds features from the records it reads.
        foreach (var partition in partitions)
            _partitions.TryRemove(partition, out _);
    }

    internal void SendWatermarksIfDue(DeliveryBatch delivery) => Watermarks?.SendIfDue(delivery, _partitions);

    internal void Completed(int events, TimeSpan duration)
    {
        Statistics.Events(Stage, events);
        Metrics.Batch(StageTag, events, duration);
    }
}
