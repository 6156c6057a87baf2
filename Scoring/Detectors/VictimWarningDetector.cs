using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Victim warning, on the callee's (inbound) features: a long answered call from a foreign number that never
/// dealt with the subscriber before (or only in the last minutes: a scammer's short attempts before the
/// hook). Family abroad calls long too, but has called before, or been called by the subscriber: given
/// <paramref name="calledNumbers"/> (the pipeline's <c>ScoringServices.CalledAbroad</c>, which learns the
/// subscriber's calls abroad in the callee side's own partition), a number the subscriber has called is no stranger.
/// Victim: the callee (warned).
/// </summary>
public sealed class VictimWarningDetector(PairRecency? calledNumbers = null) : IDetector
{
    public FraudKind Kind => FraudKind.VictimWarning;

    public Side Side => Side.Inbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var v = t.VictimWarning;
        if (!v.Enabled || e.Type != CallType.Voice || !e.Answered || f[Feature.CounterpartForeign] == 0 || e.DurationSec < v.MinDurationSec)
            return;

        var pair = f[Feature.PairEvents1h];
        var firstTime = f[Feature.FirstContact] != 0 || (pair >= v.MinRecentPairEvents1h && pair <= v.MaxRecentPairEvents1h);
        if (!firstTime || (calledNumbers is not null && calledNumbers.Contains(e.Callee.Value, e.Caller.Value)))
            return;

        decision.Add(new Detection(Kind, Role.Victim, e.Callee, v.Action, v.Severity, Scores.Over(e.DurationSec, v.MinDurationSec),
            ReasonCode.LongCallFromFirstTimeForeignNumber, e.DurationSec, v.MinDurationSec));
    }
}
