using System.Diagnostics.CodeAnalysis;

namespace FraudStream.Scoring.Decisions;

/// <summary>
/// The combined verdict on one event, built by value as detections arrive from any source (blocklist,
/// policies, rule detectors, the model) through <see cref="Add"/>:
/// the strongest action wins, severity and score are the maxima, and every detection is kept as a reason
/// (up to <see cref="MaxDetections"/>; beyond that the weakest is dropped and counted). An allow label (a
/// <see cref="FraudKind.Blocklisted"/> detection with action allow) always wins: the action becomes
/// <see cref="DecisionAction.Allow"/> while the other reasons, severity and score stay to show what was overridden.
/// Reset it with <c>default</c> for the next event.
/// </summary>
public struct Decision
{
    public const int MaxDetections = 4;

    private DecisionDetections _detections;
    private DecisionAction _strongest;
    private bool _allowLabel;

    /// <summary>What to do with the event.</summary>
    public readonly DecisionAction Action => _allowLabel ? DecisionAction.Allow : _strongest;

    /// <summary>The highest severity among the detections (Low when there are none).</summary>
    public Severity Severity { readonly get; private set; }

    /// <summary>The highest score among the detections (0 when there are none).</summary>
    public float Score { readonly get; private set; }

    /// <summary>Whether an allow label overrode the other detections.</summary>
    public readonly bool AllowedByLabel => _allowLabel;

    /// <summary>Detections kept (at most <see cref="MaxDetections"/>).</summary>
    public int Count { readonly get; private set; }

    /// <summary>Detections that arrived when all slots were taken and were weaker than every kept one, or displaced one.</summary>
    public int Dropped { readonly get; private set; }

    /// <summary>
    /// Some source could not answer (the label replica was stale, or the model could not score the event, which
    /// then leaves <see cref="ModelVersion"/> null); the decision is made without it.
    /// </summary>
    public bool Degraded { readonly get; set; }

    /// <summary>The version of the model that scored the event (a content hash), null when no model did.</summary>
    public string? ModelVersion { readonly get; set; }

    /// <summary>
    /// Caller side: the caller's events to this callee in the hour (decayed) when the harassment rule judged that this
    /// event pursues the callee; minus the unwanted events so far of a pursuit kept up for hours (<see cref="Detectors.PursuitMemory"/>); else 0. Not a detection: the re-keyed record carries it to the callee side, where
    /// harassment is named unless the callee is being flooded by several callers (call bombing's to name). Callee
    /// side: the hint as received, before the rules run.
    /// </summary>
    public float Pursuit { readonly get; set; }

    /// <summary>Whether anything was detected.</summary>
    public readonly bool IsEmpty => Count == 0;

    /// <summary>The kept detections, in arrival order (displacement aside).</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<Detection> Detections => ((ReadOnlySpan<Detection>)_detections)[..Count];

    /// <summary>Folds <paramref name="detection"/> into the decision.</summary>
    public void Add(in Detection detection)
    {
        if (detection.IsAllowLabel)
            _allowLabel = true;
        else if (detection.Action > _strongest)
            _strongest = detection.Action;

        if (detection.Severity > Severity)
            Severity = detection.Severity;
        if (detection.Score > Score)
            Score = detection.Score;

        if (Count < MaxDetections)
        {
            _detections[Count++] = detection;
            return;
        }

        Dropped++;
        var weakest = Weakest();
        if (Outranks(detection, _detections[weakest]))
            _detections[weakest] = detection;
    }

    /// <summary>Whether a detection of <paramref name="kind"/> is among the kept ones.</summary>
    public readonly bool Has(FraudKind kind)
    {
        foreach (ref readonly var d in Detections)
        {
            if (d.Kind == kind)
                return true;
        }

        return false;
    }

    private readonly int Weakest()
    {
        var weakest = 0;
        for (var i = 1; i < Count; i++)
        {
            if (Outranks(_detections[weakest], _detections[i]))
                weakest = i;
        }

        return weakest;
    }

    // An allow label is never displaced: it explains why the action is allow.
    private static bool Outranks(in Detection a, in Detection b)
    {
        if (a.IsAllowLabel != b.IsAllowLabel)
            return a.IsAllowLabel;
        if (a.Action != b.Action)
            return a.Action > b.Action;
        if (a.Severity != b.Severity)
            return a.Severity > b.Severity;
        return a.Score > b.Score;
    }
}
