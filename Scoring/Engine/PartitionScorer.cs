using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Engine;

/// <summary>
/// Scores one side of one partition a batch at a time: replica lookups (in-process, never a Redis round
/// trip), the streaming features, the rule detectors, and ONE model call for the whole batch. Owned by the
/// partition's worker (single-threaded); allocation-free per event once its buffers have grown.
/// </summary>
public sealed class PartitionScorer
{
    // How many events ahead the state and pair slots are prefetched: enough to overlap several misses.
    private const int PrefetchDistance = 8;

    private readonly ScoringServices _services;
    private readonly Side _side;
    private readonly FeatureExtractor _features;
    private readonly TimeProvider _time;
    private float[] _rows = new float[256 * Feature.Count];
    private float[] _scores = new float[256];
    private int _lastBatch;

    public PartitionScorer(ScoringServices services, Side side, TimeProvider? time = null)
    {
        _services = services;
        _side = side;
        _time = time ?? TimeProvider.System;
        var pairs = side == Side.Outbound ? services.OutboundPairs : services.InboundPairs;
        _features = new FeatureExtractor(side, services.Features, pairs, services.HomeCountryCode);
    }

    public int TrackedNumbers => _features.TrackedNumbers;

    /// <summary>Writes one decision per event of <paramref name="events"/> into <paramref name="decisions"/>.</summary>
    public void Score(ReadOnlySpan<CallEvent> events, Span<Decision> decisions)
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
                _features.Prefetch(events[i + PrefetchDistance]);

            ref readonly var e = ref events[i];
            ref var decision = ref decisions[i];
            decision = default;
            decision.Degraded = degraded;
            decision.ModelVersion = model?.Version;

            _features.Apply(e, ref features);
            if (model is not null)
                features.AsSpan().CopyTo(_rows.AsSpan(i * Feature.Count, Feature.Count));

            if (_side == Side.Outbound)
            {
                if (blocklist is not null)
                    LabelDetections.Add(blocklist, e, nowMs, _services.HomeCountryCode, ref decision);
                _services.Detectors.DetectOutbound(e, features, thresholds, ref decision);
            }
            else
            {
                _services.Detectors.DetectInbound(e, features, thresholds, ref decision);
            }
        }

        _lastBatch = model is null ? 0 : events.Length;
        if (model is null || events.Length == 0)
            return;

        model.PredictBatch(_rows.AsSpan(0, events.Length * Feature.Count), events.Length, _scores.AsSpan(0, events.Length));
        var cut = thresholds.Model;
        for (var i = 0; i < events.Length; i++)
        {
            var score = _scores[i];
            if (score >= cut.MinScore)
                decisions[i].Add(new Detection(FraudKind.MlFraud, Role.Suspect, events[i].Caller, cut.Action, cut.Severity, score, ReasonCode.ModelScore, score, cut.MinScore));
        }
    }

    /// <summary>The model's score of event <paramref name="index"/> of the last outbound batch.</summary>
    public float ModelScore(int index) => index < _lastBatch ? _scores[index] : float.NaN;

    /// <summary>
    /// Per-feature contributions (XGBoost SHAP values, <see cref="Feature.Count"/> + 1 with the bias last) to
    /// the score of event <paramref name="index"/> of the last batch: the "why" of an ml_fraud alert.
    /// Allocates; call it for flagged events only.
    /// </summary>
    public void Explain(int index, Span<float> contributions)
    {
        var model = _services.Model ?? throw new InvalidOperationException("No model is loaded.");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _lastBatch);
        model.PredictContributions(_rows.AsSpan(index * Feature.Count, Feature.Count), contributions);
    }

    private void EnsureCapacity(int events)
    {
        if (_scores.Length >= events)
            return;
        var size = Math.Max(events, _scores.Length * 2);
        _rows = new float[size * Feature.Count];
        _scores = new float[size];
    }
}
