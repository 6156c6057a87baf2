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
/// Victim: the callee (warned). Suspect: the caller, as kind <see cref="FraudKind.Scam"/> (the callee stage
/// alerts on it although the caller is not its partition's number, and labels it).
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

        var score = Scores.Over(e.DurationSec, v.MinDurationSec);
        decision.Add(new Detection(Kind, Role.Victim, e.Callee, v.Action, v.Severity, score,
            ReasonCode.LongCallFromFirstTimeForeignNumber, e.DurationSec, v.MinDurationSec));

        // The number behind the warning is the scammer: named so that its next call, to anyone, is warned.
        if (v.NameSuspect)
        {
            decision.Add(new Detection(FraudKind.Scam, Role.Suspect, e.Caller, v.SuspectAction, v.Severity, score,
                ReasonCode.LongCallFromFirstTimeForeignNumber, e.DurationSec, v.MinDurationSec));
        }
    }
}
