using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Engine;

/// <summary>
/// Scores one side of one partition a batch at a time: replica lookups (in-process, never a Redis round
/// trip), the streaming features, the rule detectors, and ONE model call for the whole batch. Owned by the
/// partition's worker (single-threaded); allocation-free per event once its buffers have grown.
/// What the rules remember (numbers seen flooding a victim) is this scorer's own, never shared with other
/// partitions: a partition's decisions then depend only on its own records, in order, so one instance and
/// several in a consumer group decide alike. Knowledge that crosses sides travels with the re-keyed records
/// instead (<see cref="CallerFloodMark"/> and <see cref="Decision.Pursuit"/> on the caller side, the hints passed to <see cref="Score"/> on the callee side).
/// </summary>
public sealed class PartitionScorer
{
    // How many events ahead the state and pair slots are prefetched: enough to overlap several misses.
    private const int PrefetchDistance = 8;

    private readonly ScoringServices _services;
    private readonly Side _side;
    private readonly FeatureExtractor _features;
    private readonly RecentNumbers _bombers = new(12);
    private readonly DetectorSet _detectors;
    private readonly TimeProvider _time;
    private float[] _rows = new float[256 * Feature.Count];
    private float[] _scores = new float[256];
    private bool[] _ownCopies = new bool[256];
    private int _lastBatch;
    private long _modelFailures;
    private PartitionLabels? _labels;
    private long _reachedMs;

    public PartitionScorer(ScoringServices services, Side side, TimeProvider? time = null)
    {
        _services = services;
        _side = side;
        _time = time ?? TimeProvider.System;
        var pairs = side == Side.Outbound ? services.OutboundPairs : services.InboundPairs;
        _features = new FeatureExtractor(side, services.Features, pairs, services.HomeCountryCode, ages: side == Side.Outbound ? services.CallerAges : null);
        _detectors = side == Side.Outbound
            ? DetectorSet.Standard(services.CalledAbroad, _bombers, services.CallerAges, services.OutboundPairs, services.CallerPursuits)
            : DetectorSet.Standard(services.CalledAbroad, _bombers, services.CallerAges, calledNumbers: services.CalledNumbers);
    }

    public Side Side => _side;

    /// <summary>
    /// Caller side: the closed loop's policy, null when it is off. A confident suspect detection of a caller then
    /// labels it in this scorer's own state, so its very next record here is <see cref="FraudKind.Blocklisted"/>
    /// whenever the replica shows the label that the pipeline writes to Redis (<see cref="PartitionLabels"/>).
    /// </summary>
    public AutoLabelPolicy? AutoLabels
    {
        get => _labels?.Policy;
        init => _labels = value is not null && _side == Side.Outbound ? new PartitionLabels(value) : null;
    }

    /// <summary>
    /// The event time after which this partition's own auto label of <paramref name="number"/> acts (the start the
    /// Redis label must carry), if it holds one.
    /// </summary>
    public bool TryGetAutoLabelFrom(ulong number, out long fromMs)
    {
        fromMs = 0;
        return _labels is not null && _labels.TryGetFrom(number, out fromMs);
    }

    public int TrackedNumbers => _features.TrackedNumbers;

    /// <summary>
    /// Events the model could not score (it threw, or returned NaN or infinity): each was decided by rules and labels
    /// alone and flagged <see cref="Decision.Degraded"/> with no <see cref="Decision.ModelVersion"/>.
    /// </summary>
    public long ModelFailures => _modelFailures;

    /// <summary>Why the model last failed (an exception's type and message, or non-finite scores), null when it never did.</summary>
    public string? LastModelError { get; private set; }

    /// <summary>Events that arrived later than <c>Features:Lateness</c> behind their number's state and counted for nothing.</summary>
    public long LateEvents => _features.LateEvents;

    /// <summary>Writes one decision per event of <paramref name="events"/> into <paramref name="decisions"/>.</summary>
    /// <param name="callerFloodMarks">
    /// Callee side only, optional: per event, when the caller side last saw the event's caller flooding a
    /// victim (Unix ms, 0 = not lately), from <see cref="CallerFloodMark"/> carried by the re-keyed record.
    /// </param>
    /// <param name="callerPursuits">
    /// Callee side only, optional: per event, <see cref="Decision.Pursuit"/> as the caller side decided it (0 = no),
    /// carried by the re-keyed record: harassment is named here, where a flood by several callers can be told apart.
    /// </param>
    /// <param name="ownCopies">
    /// Callee side only, optional: per event, whether it is not an inbound event at all but the copy of an outbound
    /// event this partition's number made (<see cref="NeedsOwnCopy"/> on the caller side): remembered in
    /// <see cref="ScoringServices.CalledNumbers"/>, not scored; its decision stays empty.
    /// </param>
    public void Score(ReadOnlySpan<CallEvent> events, Span<Decision> decisions, ReadOnlySpan<long> callerFloodMarks = default, ReadOnlySpan<bool> ownCopies = default,
        ReadOnlySpan<float> callerPursuits = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(decisions.Length, events.Length);
        EnsureCapacity(events.Length);
        var thresholds = _services.Thresholds.Current;
        var blocklist = _services.Blocklist;
        var degraded = blocklist is null || blocklist.IsDegraded || !blocklist.IsLoaded;
        var model = _side == Side.Outbound && thresholds.Model.Enabled ? _services.Model : null;
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var features = new FeatureVector();

        for (var i = 0; i < events.Length; i++)
        {
            if (i + PrefetchDistance < events.Length)
                Prefetch(events[i + PrefetchDistance], blocklist);

            ref readonly var e = ref events[i];
            ref var decision = ref decisions[i];
            decision = default;
            if (_side == Side.Inbound && i < ownCopies.Length && ownCopies[i])
            {
                _services.RememberOwnCall(e);
                continue;
            }

            decision.Degraded = degraded;
            decision.ModelVersion = model?.Version;

            _features.Apply(e, ref features);
            if (model is not null)
                features.AsSpan().CopyTo(_rows.AsSpan(i * Feature.Count, Feature.Count));

            if (_side == Side.Outbound)
            {
                _ownCopies[i] = _services.NeedsOwnCopy(e, _features.PairPreviousMinute);
                // The latest event time this partition has reached: where an auto label decided now starts to act.
                _reachedMs = Math.Max(_reachedMs, e.StartTimeMs);
                var sharedAuto = false;
                if (blocklist is not null || _labels is not null)
                {
                    // A caller labelled as one of a bombing pool floods: its re-keyed records carry the mark.
                    if (LabelDetections.Add(blocklist, _labels, e, nowMs, _services.HomeCountryCode, ref decision, out sharedAuto))
                        _bombers.Mark(e.Caller.Value, e.StartTimeMs);
                }

                _detectors.DetectOutbound(e, features, thresholds, ref decision);
                if (_labels is not null && !sharedAuto)
                    _labels.Learn(decision, e.Caller.Value, _reachedMs);
            }
            else
            {
                if (i < callerFloodMarks.Length && callerFloodMarks[i] > 0)
                    _bombers.Mark(e.Caller.Value, callerFloodMarks[i]);
                if (i < callerPursuits.Length)
                    decision.Pursuit = callerPursuits[i];
                if (blocklist is not null)
                    LabelDetections.AddPolicy(blocklist, e, _services.HomeCountryCode, ref decision);
                _detectors.DetectInbound(e, features, thresholds, ref decision);
            }
        }

        _lastBatch = model is null ? 0 : events.Length;
        if (model is null || events.Length == 0)
            return;

        string? error = null;
        try
        {
            model.PredictBatch(_rows.AsSpan(0, events.Length * Feature.Count), events.Length, _scores.AsSpan(0, events.Length));
        }
        catch (ArgumentException e)
        {
            // The model failed for the whole batch: every event falls back to rules and labels below.
            _scores.AsSpan(0, events.Length).Fill(float.NaN);
            error = e.GetType().Name + ": " + e.Message;
        }

        var cut = thresholds.Model;
        var failed = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var score = _scores[i];
            if (!float.IsFinite(score))
            {
                // Not silently allowed: the rule and label detections stand, and the decision says the model is missing from it.
                decisions[i].Degraded = true;
                decisions[i].ModelVersion = null;
                failed++;
            }
            else if (score >= cut.MinScore && _rows[(i * Feature.Count) + Feature.FirstContacts1h] >= cut.MinFirstContacts1h)
            {
                decisions[i].Add(new Detection(FraudKind.MlFraud, Role.Suspect, events[i].Caller, cut.Action, cut.Severity, score, ReasonCode.ModelScore, score, cut.MinScore));
            }
        }

        if (failed > 0)
        {
            _modelFailures += failed;
            LastModelError = error ?? "the model returned NaN or infinite scores";
        }
    }

    /// <summary>
    /// Caller side, of the batch last scored: whether the event at <paramref name="index"/> also goes, as a copy, to its
    /// caller's own callee-side partition (<see cref="ScoringServices.NeedsOwnCopy"/>): a call abroad, or its pair's first
    /// event in a day.
    /// </summary>
    public bool NeedsOwnCopy(int index) => _side == Side.Outbound && _ownCopies[index];

    /// <summary>
    /// Caller side: when this partition last saw <paramref name="e"/>'s caller flooding a victim, within the
    /// call-bombing contact memory (Unix ms), or 0. The pipeline attaches it to the record it re-keys by callee.
    /// </summary>
    public long CallerFloodMark(in CallEvent e)
    {
        var memory = _services.Thresholds.Current.CallBombing.ContactsMemoryMinutes;
        return memory > 0 && _bombers.WasMarkedWithin(e.Caller.Value, e.StartTimeMs, memory, out var minutesAgo)
            ? e.StartTimeMs - (long)(minutesAgo * 60_000)
            : 0;
    }

    /// <summary>The model's score of event <paramref name="index"/> of the last outbound batch.</summary>
    public float ModelScore(int index) => index < _lastBatch ? _scores[index] : float.NaN;

    /// <summary>
    /// Per-feature contributions (exact TreeSHAP values in log-odds, <see cref="Feature.Count"/> + 1 with the base
    /// value last) to the score of event <paramref name="index"/> of the last batch: the "why" of an ml_fraud alert.
    /// Allocation-free, but a tree walk per path: call it for flagged events only.
    /// </summary>
    public void Explain(int index, Span<float> contributions)
    {
        var model = _services.Model ?? throw new InvalidOperationException("No model is loaded.");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _lastBatch);
        model.PredictContributions(_rows.AsSpan(index * Feature.Count, Feature.Count), contributions);
    }

    // The slots a later event will read: its number's state and pair, the caller's label and pursuit (caller side)
    // and the callee's policy (both sides).
    private void Prefetch(in CallEvent e, BlocklistReplica? blocklist)
    {
        _features.Prefetch(e);
        if (_side == Side.Outbound)
            _services.CallerPursuits.Prefetch(e.Caller.Value, e.Callee.Value);
        blocklist?.Prefetch(_side == Side.Outbound ? e.Caller.Value : 0, e.Callee.Value);
    }

    private void EnsureCapacity(int events)
    {
        if (_scores.Length >= events)
            return;
        var size = Math.Max(events, _scores.Length * 2);
        _rows = new float[size * Feature.Count];
        _scores = new float[size];
        _ownCopies = new bool[size];
    }
}
