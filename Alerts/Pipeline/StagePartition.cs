using System.Diagnostics;
using Confluent.Kafka;
using FraudStream.Alerts.AutoLabels;
using FraudStream.Alerts.Records;
using FraudStream.Alerts.Suppression;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Frames;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// One partition of one stage: its scorer (features, rules, model), its alert suppression, its writers and
/// its delivery batch. Used by that partition's worker only, one batch at a time.
/// </summary>
internal sealed class StagePartition
{
    private readonly StageHandler _stage;
    private readonly PartitionScorer _scorer;
    private readonly AlertSuppressor _suppressor;
    private readonly AlertWriter _alerts;
    private readonly DecisionWriter _decisions = new();
    private readonly Flight[] _flights;
    private readonly float[] _contributions = new float[Feature.Count + 1];
    private readonly Explanation[] _explanation;
    private const long ModelFailureLogInterval = 10_000;

    private Decision[] _scored = new Decision[256];
    private long _modelFailureLoggedAt;
    private long[] _marks = new long[256];
    private float[] _pursuits = new float[256];
    private bool[] _ownCopies = new bool[256];
    private int _copies;
    private long _orderKey = long.MinValue;

    private readonly CalleeFrames _frames = new();
    private long _framesCounted;
    private long _reached = long.MinValue;
    private volatile bool _pending;
    private Flight _flight;

    public StagePartition(StageHandler stage, KafkaBatchProducer producer)
    {
        _stage = stage;
        // The caller stage owns its callers: what it labels acts from their next record here (PartitionLabels).
        _scorer = new PartitionScorer(stage.Services, stage.Stage.Side, stage.Time) { AutoLabels = stage.Stage == Stage.Caller ? stage.AutoLabeler?.Policy : null };
        _suppressor = new AlertSuppressor(stage.Options.SuppressionWindow);
        _alerts = new AlertWriter(NumberPseudonymiser.For(stage.Options.Pseudonymise));
        _flights = [new Flight(producer.StartBatch()), new Flight(producer.StartBatch())];
        _flight = _flights[0];
        _explanation = new Explanation[stage.Options.ExplanationFeatures];
    }

    /// <summary>
    /// Caller stage: the ordering key of the last record this partition forwarded (the latest event time it has
    /// seen), published once the records up to it are queued for the callee topic; every later one is at least this.
    /// </summary>
    public long Reached => Volatile.Read(ref _reached);

    /// <summary>The partition had more records to process after its last batch: behind, not idle (<see cref="SourceOrder"/>).</summary>
    public bool Pending => _pending;

    public Task HandleAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        var flight = _flight;
        if (flight.Unacknowledged == 0)
            flight.StartedAt = Stopwatch.GetTimestamp();
        var late = _scorer.LateEvents;
        var modelFailures = _scorer.ModelFailures;
        _copies = 0;
        Score(batch);
        if (_scorer.LateEvents != late)
            _stage.Statistics.Late(_stage.Stage, _scorer.LateEvents - late);
        if (_scorer.ModelFailures != modelFailures)
            ModelFailed(batch, _scorer.ModelFailures - modelFailures);
        flight.Unacknowledged += batch.Count - (_stage.Stage == Stage.Callee ? _copies : 0);

        // A slice with more to follow leaves its outputs in flight: the last slice's wait covers them (one wait
        // per consumed batch, so its outputs leave in larger record batches).
        if (batch.MoreSlicesFollow)
            return Task.CompletedTask;

        // The next batch goes out on the other flight while this one's outputs are acknowledged: the consumer
        // keeps at most one batch outstanding per partition (OverlapsAcknowledgement), so that one is idle by then.
        _flight = flight == _flights[0] ? _flights[1] : _flights[0];
        return AcknowledgeAsync(flight, cancellationToken);
    }

    private async Task AcknowledgeAsync(Flight flight, CancellationToken cancellationToken)
    {
        await flight.Delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        _stage.Completed(flight.Unacknowledged, Stopwatch.GetElapsedTime(flight.StartedAt));
        flight.Unacknowledged = 0;
    }

    private void ModelFailed(EventBatch batch, long events)
    {
        _stage.Statistics.ModelFailed(events);
        // At most one line per partition per interval: a broken model fails every batch.
        var now = Environment.TickCount64;
        if (now - _modelFailureLoggedAt < ModelFailureLogInterval && _modelFailureLoggedAt != 0)
            return;
        _modelFailureLoggedAt = now;
        Log.ModelFailed(_stage.Logger, events, batch.Topic, batch.Partition, _scorer.ModelFailures, _scorer.LastModelError ?? "unknown");
    }

    private void Score(EventBatch batch)
    {
        var events = batch.Events;
        if (_scored.Length < events.Length)
        {
            _scored = new Decision[Math.Max(events.Length, _scored.Length * 2)];
            _marks = new long[_scored.Length];
            _pursuits = new float[_scored.Length];
            _ownCopies = new bool[_scored.Length];
        }

        var caller = _stage.Stage == Stage.Caller;
        var topology = caller ? _stage.Watermarks : null;
        var known = topology?.Sources(batch.Topic) ?? 0;
        var sources = topology is { Ordered: true } ? known : 0;
        if (caller)
            _frames.Begin(batch.Partition, sources, topology?.Targets ?? 0);
        ReadOnlySpan<float> pursuits = default;
        var marks = caller ? default : ReadHints(batch.Hints, out pursuits);
        var decisions = _scored.AsSpan(0, events.Length);
        _scorer.Score(events, decisions, marks, caller ? default : _ownCopies.AsSpan(0, events.Length), pursuits);

        var nowMs = _stage.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var messages = batch.Messages;
        var offsets = batch.Offsets;
        Span<int> byAction = stackalloc int[4];
        int blockedCalls = 0, blockedSms = 0;
        for (var i = 0; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            ref readonly var decision = ref decisions[i];
            if (caller)
            {
                byAction[(int)decision.Action]++;
                if (decision.Action == DecisionAction.Block)
                {
                    if (e.Type == CallType.Sms)
                        blockedSms++;
                    else
                        blockedCalls++;
                }

                if (_stage.CalleeTopic is { } calleeTopic)
                    Rekey(calleeTopic, e, decision.Pursuit, _scorer.NeedsOwnCopy(i), sources);
            }

            if (_stage.DecisionTopic is { } decisionTopic && (caller || !decision.IsEmpty))
                _flight.Delivery.Enqueue(decisionTopic, new Message<byte[], byte[]> { Key = caller ? messages[i].Key : OwnKey(e, batch.Hints[i]), Value = _decisions.Write(e.RecordId, _stage.Stage.Name, decision) });

            if (!decision.IsEmpty && !decision.AllowedByLabel && decision.Action != DecisionAction.Allow)
                Alert(batch, i, offsets[i], decision, nowMs);
        }

        if (caller)
        {
            // Queued before the watermarks that say how far this partition got, like the records they cover.
            if (_stage.CalleeTopic is { } frameTopic)
            {
                _frames.Flush(_flight.Delivery, frameTopic);
                _stage.Statistics.SentFrames(_frames.Sent - _framesCounted);
                _framesCounted = _frames.Sent;
            }
            if (sources > 0)
            {
                _pending = batch.SourceHasMore;
                Volatile.Write(ref _reached, _orderKey);
                _stage.SendWatermarksIfDue(_flight.Delivery);
            }

            // Per batch, not per event: shared counters are contended across partition workers.
            _stage.Statistics.Decided(byAction, blockedCalls, blockedSms);
            if (_copies > 0)
                _stage.Statistics.CopiedOwnCalls(_copies);
            _stage.Metrics.Decisions(byAction);
            _stage.Metrics.Blocked(blockedCalls, blockedSms);
        }
    }

    // sources: partitions of the CDR topic, 0 while unknown or unordered (no ordering key then).
    private void Rekey(string topic, in CallEvent e, float pursuit, bool ownCopy, int sources)
    {
        if (_stage.SkipRekeying is { } skip && skip(e.RecordId))
            return;
        if (sources > 0)
            _orderKey = Math.Max(_orderKey, e.StartTimeMs);
        var orderKey = sources > 0 ? _orderKey : 0;

        _frames.Add(e.Callee, e, new RecordHints(orderKey, 0, 0, _scorer.CallerFloodMark(e), HintFlags.None, pursuit), _flight.Delivery, topic);

        // The caller's own callee-side partition learns whom it called (victim warning, harassment): that
        // partition may belong to another instance, and the record re-keyed by callee goes elsewhere.
        if (ownCopy)
        {
            _frames.Add(e.Caller, e, new RecordHints(orderKey, 0, 0, 0, HintFlags.OwnCallCopy), _flight.Delivery, topic);
            _copies++;
        }
    }

    // The callee stage's decision key: the number its partition is keyed by (the caller, for a copy of a call abroad),
    // as it was the key of the record re-keyed alone.
    private static byte[] OwnKey(in CallEvent e, in RecordHints hints)
    {
        Span<byte> key = stackalloc byte[PhoneNumber.MaxFormattedLength];
        var length = (hints.IsOwnCallCopy ? e.Caller : e.Callee).FormatE164(key);
        return key[..length].ToArray();
    }

    // The callee stage's per-record hints from the caller stage: flood marks (returned; empty when none),
    // pursuits (empty when none) and which records are copies of the partition's numbers' own calls (_ownCopies, counted in _copies).
    private ReadOnlySpan<long> ReadHints(ReadOnlySpan<RecordHints> hints, out ReadOnlySpan<float> pursuits)
    {
        var any = false;
        var anyPursuit = false;
        for (var i = 0; i < hints.Length; i++)
        {
            ref readonly var h = ref hints[i];
            _marks[i] = h.FloodMark;
            any |= h.FloodMark > 0;
            _pursuits[i] = h.Pursuit;
            anyPursuit |= h.Pursuit != 0;
            _ownCopies[i] = h.IsOwnCallCopy;
            if (h.IsOwnCallCopy)
                _copies++;
        }

        pursuits = anyPursuit ? _pursuits.AsSpan(0, hints.Length) : default;
        return any ? _marks.AsSpan(0, hints.Length) : default;
    }

    // One alert per kind about the number this stage's partition owns (the caller on the caller side, the
    // callee on the callee side); detections about the other number are that stage's to alert, except a scam
    // or harassment suspect: only the callee stage sees the victim it kept on the line, or that no one else is
    // flooding the callee, so it alerts on the caller too.
    private void Alert(EventBatch batch, int index, long offset, in Decision decision, long nowMs)
    {
        ref readonly var e = ref batch.Events[index];
        var own = _stage.Stage == Stage.Caller ? e.Caller : e.Callee;
        Span<Detection> group = stackalloc Detection[Decision.MaxDetections];
        uint done = 0;
        var detections = decision.Detections;
        foreach (ref readonly var d in detections)
        {
            var subject = d.Number;
            if (subject != own && d.Kind != FraudKind.Scam && d.Kind != FraudKind.Harassment)
            {
                // A suspect this stage does not own (the callee stage naming a bombing pool's caller): no
                // alert here, but an auto label, which reaches every partition and instance.
                if (d.Role == Role.Suspect)
                    AutoLabel(e, d, "record", e.RecordId);
                continue;
            }

            if (d.Action == DecisionAction.Allow || (done & (1u << (int)d.Kind)) != 0)
                continue;
            done |= 1u << (int)d.Kind;

            var count = 0;
            foreach (ref readonly var other in detections)
            {
                if (other.Kind == d.Kind && other.Number == subject && other.Action != DecisionAction.Allow)
                    group[count++] = other;
            }

            // Per (number, kind) in this partition: a scam caller's or harasser's alerts are suppressed per victim partition.
            if (!_suppressor.TryPass(subject.Value, d.Kind, e.StartTimeMs, out var suppressed))
            {
                _stage.Statistics.SuppressedAlert(d.Kind);
                _stage.Metrics.Suppressed(d.Kind);
                continue;
            }

            var record = _alerts.Write(e, group[..count], new AlertContext
            {
                Source = new AlertSource(batch.Topic, batch.Partition, offset),
                NowMs = nowMs,
                ModelVersion = decision.ModelVersion,
                Degraded = decision.Degraded,
                SuppressedCount = suppressed,
                Explanation = d.Kind == FraudKind.MlFraud ? Explain(index) : default,
                Blocklist = _stage.Services.Blocklist,
            });
            _flight.Delivery.Enqueue(_stage.Options.Topic, new Message<byte[], byte[]> { Key = record.Key, Value = record.Value });
            Log.Alert(_stage.Logger, record.AlertId, d.Kind.ToWire(), batch.Topic, batch.Partition, offset, e.RecordId);
            _stage.Statistics.Alerted(d.Kind, subject.Value, d.Role == Role.Victim && d.Action >= DecisionAction.Warn);
            _stage.Metrics.Alert(d.Kind);
            AutoLabel(e, d, "alert", record.AlertId);
        }
    }

    private void AutoLabel(in CallEvent e, in Detection d, string what, string id)
    {
        if (_stage.AutoLabeler is not { } labeler || d.Role != Role.Suspect || !labeler.IsConfident(d.Kind, d.Score))
            return;

        // A caller this partition owns is labelled in its scorer already, from the event time Redis must carry too.
        // Any other suspect (named by the callee stage) is labelled through Redis alone: timing decides which of
        // its records meet the label first, hence the option to leave them out.
        long fromMs;
        if (_stage.Stage == Stage.Caller && d.Number == e.Caller)
        {
            if (!_scorer.TryGetAutoLabelFrom(d.Number.Value, out fromMs))
                fromMs = e.StartTimeMs;
        }
        else if (labeler.LabelsCalleeStageSuspects)
        {
            fromMs = e.StartTimeMs;
        }
        else
        {
            return;
        }

        if (labeler.Request(d.Number.Value, d.Kind, $"auto: {d.Kind.ToWire()} score {d.Score:0.00}, {what} {id}", fromMs))
            _stage.Statistics.AutoLabelRequested();
    }

    // The strongest contributions by magnitude, bias excluded.
    private ReadOnlySpan<Explanation> Explain(int index)
    {
        if (_explanation.Length == 0 || _stage.Services.Model is null || float.IsNaN(_scorer.ModelScore(index)))
            return default;

        _scorer.Explain(index, _contributions);
        var count = 0;
        for (var f = 0; f < Feature.Count; f++)
        {
            var c = _contributions[f];
            if (c == 0)
                continue;
            var at = count < _explanation.Length ? count++ : _explanation.Length;
            while (at > 0 && MathF.Abs(_explanation[at - 1].Contribution) < MathF.Abs(c))
            {
                if (at < _explanation.Length)
                    _explanation[at] = _explanation[at - 1];
                at--;
            }

            if (at < _explanation.Length)
                _explanation[at] = new Explanation(f, c);
        }

        return _explanation.AsSpan(0, count);
    }

    /// <summary>One consumed batch's outputs on their way: acknowledged together, counted once they are.</summary>
    private sealed class Flight(DeliveryBatch delivery)
    {
        public DeliveryBatch Delivery { get; } = delivery;

        public int Unacknowledged { get; set; }

        public long StartedAt { get; set; }
    }
}
