using System.Diagnostics.Metrics;
using FraudStream.Ingest.Consuming;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using Polly.CircuitBreaker;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// The pipeline's instruments (System.Diagnostics.Metrics, meter <see cref="MeterName"/>), exported at
/// <c>/metrics</c>: events in, decisions by action, alerts by kind, suppressed alerts, dead letters,
/// duplicates, batch latency, consumer lag and degraded state. Tag values are cached: recording allocates nothing.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "FraudStream.Pipeline";

    private static readonly KeyValuePair<string, object?> s_voice = new("type", "voice");
    private static readonly KeyValuePair<string, object?> s_sms = new("type", "sms");

    private readonly Meter _meter;
    private readonly Counter<long> _events;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _suppressed;
    private readonly Counter<long> _blocked;
    private readonly Histogram<double> _batchDuration;
    private readonly KeyValuePair<string, object?>[] _actionTags;
    private readonly KeyValuePair<string, object?>[] _kindTags;

    /// <param name="consumers">Each stage's consumer statistics, for dead letters, duplicates and lag.</param>
    /// <param name="degraded">1 while the label replica is degraded.</param>
    /// <param name="statistics">The pipeline's totals, for the late events per stage.</param>
    /// <param name="replica">The label replica, for its circuit breaker (none without Redis).</param>
    /// <param name="acknowledgedWithoutOffset">Records the producers were told were delivered without an offset (none: not exported).</param>
    public PipelineMetrics(IReadOnlyList<(Stage Stage, IngestStatistics Statistics)> consumers, Func<int> degraded, PipelineStatistics? statistics = null,
        BlocklistReplica? replica = null, Func<long>? acknowledgedWithoutOffset = null)
    {
        _meter = new Meter(MeterName);
        _events = _meter.CreateCounter<long>("fraudstream.events", description: "Valid CDRs scored, by stage (caller, callee).");
        _decisions = _meter.CreateCounter<long>("fraudstream.decisions", description: "Decisions of the caller stage, by action.");
        _alerts = _meter.CreateCounter<long>("fraudstream.alerts", description: "Alerts produced and acknowledged, by kind.");
        _blocked = _meter.CreateCounter<long>("fraudstream.blocked", description: "Calls and SMS the caller stage decided to block, by type (voice, sms).");
        _suppressed = _meter.CreateCounter<long>("fraudstream.alerts.suppressed", description: "Alerts held back by the per (number, kind) window, by kind.");
        _batchDuration = _meter.CreateHistogram<double>("fraudstream.batch.duration", "s", "Time to score a batch and have its outputs acknowledged, by stage.");
        _meter.CreateObservableCounter("fraudstream.dead_letters", () => consumers.Select(c => new Measurement<long>(c.Statistics.DeadLettered, Stage(c.Stage.Name))),
            description: "Records sent to the dead-letter topic, by stage.");
        _meter.CreateObservableCounter("fraudstream.duplicates", () => consumers.Select(c => new Measurement<long>(c.Statistics.Duplicates, Stage(c.Stage.Name))),
            description: "Redelivered records dropped by record id, by stage.");
        _meter.CreateObservableGauge("fraudstream.consumer.lag", () => consumers.SelectMany(c => c.Statistics.Lag.Select(p => new Measurement<long>(p.Value, Stage(c.Stage.Name), new("partition", p.Key)))),
            description: "Records between each assigned partition's position and its end, by stage and partition.");
        _meter.CreateObservableGauge("fraudstream.merge.held", () => consumers.Select(c => new Measurement<long>(c.Statistics.Held, Stage(c.Stage.Name))),
            description: "Records the callee stage holds until every caller partition has passed them (ordered merge), by stage.");
        _meter.CreateObservableCounter("fraudstream.merge.watermarks", () => consumers.Select(c => new Measurement<long>(c.Statistics.Control, Stage(c.Stage.Name))),
            description: "Watermark records the callee stage took in from the caller stage's instances, by stage.");
        if (statistics is not null)
        {
            _meter.CreateObservableCounter("fraudstream.events.late", () => consumers.Select(c => new Measurement<long>(statistics.LateEvents(c.Stage), Stage(c.Stage.Name))),
                description: "Events discarded by the features as later than Features:Lateness, by stage (should stay near zero).");
            _meter.CreateObservableCounter("fraudstream.model.failures", () => statistics.ModelFailures,
                description: "Events the model could not score (it failed or returned NaN), decided by rules and labels alone and flagged degraded (should stay zero).");
        }

        _meter.CreateObservableGauge("fraudstream.degraded", () => degraded(), description: "1 while the label replica is stale or Redis unreachable.");
        if (replica is not null)
        {
            _meter.CreateObservableGauge("fraudstream.blocklist.circuit_open", () => replica.CircuitState == CircuitState.Closed ? 0 : 1,
                description: "1 while the circuit breaker in front of the replica's Redis calls is open or half-open (Redis failing or too slow).");
            _meter.CreateObservableCounter("fraudstream.blocklist.circuit_openings", () => replica.CircuitOpenings,
                description: "Times the replica's circuit breaker opened.");
        }

        if (acknowledgedWithoutOffset is not null)
        {
            _meter.CreateObservableCounter("fraudstream.kafka.acknowledged_without_offset", acknowledgedWithoutOffset,
                description: "Records the Kafka client reported delivered without an offset: counted acknowledged though no broker confirmed them (librdkafka's implicit acknowledgement; a real broker with acks=all never causes it). Should stay zero; one missing from its topic was lost by the broker.");
        }

        _actionTags = [.. Enum.GetValues<DecisionAction>().Select(a => new KeyValuePair<string, object?>("action", Records.WireNames.Name(a)))];
        _kindTags = [.. FraudKinds.All.Select(k => new KeyValuePair<string, object?>("kind", k.ToWire()))];
    }

    public static KeyValuePair<string, object?> Stage(string stage) => new("stage", stage);

    public void Batch(KeyValuePair<string, object?> stage, int events, TimeSpan duration)
    {
        _events.Add(events, stage);
        _batchDuration.Record(duration.TotalSeconds, stage);
    }

    /// <summary>Adds a batch's decisions, counted per action (index = <see cref="DecisionAction"/>).</summary>
    public void Decisions(ReadOnlySpan<int> byAction)
    {
        for (var a = 0; a < byAction.Length; a++)
        {
            if (byAction[a] > 0)
                _decisions.Add(byAction[a], _actionTags[a]);
        }
    }

    /// <summary>Adds a batch's blocked calls and SMS.</summary>
    public void Blocked(int calls, int sms)
    {
        if (calls > 0)
            _blocked.Add(calls, s_voice);
        if (sms > 0)
            _blocked.Add(sms, s_sms);
    }

    public void Alert(FraudKind kind) => _alerts.Add(1, _kindTags[(int)kind]);

    public void Suppressed(FraudKind kind) => _suppressed.Add(1, _kindTags[(int)kind]);

    public void Dispose() => _meter.Dispose();
}
