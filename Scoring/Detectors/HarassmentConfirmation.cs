using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Harassment, the callee's half: an event the caller side marked as pursuing its callee (<see cref="Decision.Pursuit"/>,
/// set by <see cref="HarassmentDetector"/>) names the caller as suspect and the callee as victim — unless the callee
/// was flooded by several callers within the hour (<paramref name="floodedByPool"/>, marked by <see cref="CallBombingDetector"/>,
/// which runs first on the same event): then the caller is one of a bombing pool, which that rule names. The caller
/// side cannot tell: every pool number also rings one person only, again and again. Nor while the callee, mostly not
/// answering, hears from several new callers within the hour (<see cref="HarassmentThresholds.MaxNewCallersOfVictim1h"/>):
/// a pool below the flood levels. A flood by this one caller does not stop it: a harasser ringing dozens of times is both.
/// Nor when the callee has called or texted the caller before this event (<paramref name="calledNumbers"/>, as far as
/// that memory reaches): a harasser's victim does not ring him, a friend texting twenty times in an hour or a relative
/// ringing all day unanswered is rung back (in the held-out world every one of the 22 legitimate numbers named over a
/// day of traffic had been, and none of 19 harassers named).
/// </summary>
public sealed class HarassmentConfirmation(RecentNumbers floodedByPool, PairRecency? calledNumbers = null) : IDetector
{
    public FraudKind Kind => FraudKind.Harassment;

    public Side Side => Side.Inbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var h = t.Harassment;
        var pair = decision.Pursuit;
        if (!h.Enabled || pair == 0
            || (f[Feature.NewCounterparts1h] >= h.MaxNewCallersOfVictim1h && f[Feature.UnansweredRatio1h] >= t.CallBombing.MinUnansweredRatio1h)
            || floodedByPool.WasMarkedWithin(e.Callee.Value, e.StartTimeMs, CallBombingDetector.FloodMemoryMinutes, out _)
            || calledNumbers?.Contains(e.Callee.Value, e.Caller.Value) == true)
            return;

        // Negative: a pursuit kept up for hours, its unwanted events so far (HarassmentDetector).
        var (value, threshold, reason) = pair > 0
            ? (pair, h.MinPairEvents1h, ReasonCode.RepeatedUnwantedCallsToOneNumber)
            : (-pair, h.MinPursuitEvents, ReasonCode.UnwantedEventsToOneNumberForHours);
        var score = Scores.Over(value, threshold);
        decision.Add(new Detection(Kind, Role.Suspect, e.Caller, h.Action, h.Severity, score, reason, value, threshold));
        decision.Add(new Detection(Kind, Role.Victim, e.Callee, h.Action, h.Severity, score, reason, value, threshold));
    }
}
