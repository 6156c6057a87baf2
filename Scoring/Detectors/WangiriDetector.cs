using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Wangiri ("one ring and cut"): a caller from abroad ringing home numbers for under ~3 s, unanswered, many
/// new ones an hour, hoping for costly call-backs. Suspect: the caller.
/// </summary>
public sealed class WangiriDetector : IDetector
{
    public FraudKind Kind => FraudKind.Wangiri;

    public Side Side => Side.Outbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var w = t.Wangiri;
        // International with a home callee: the caller is the one abroad.
        if (!w.Enabled || e.Type != CallType.Voice || e.Answered || !e.International || f[Feature.CounterpartForeign] != 0)
            return;

        var fresh = f[Feature.NewCounterparts1h];
        if (e.RingSec > w.MaxRingSec || fresh < w.MinNewCounterparts1h || f[Feature.UnansweredRatio1h] < w.MinUnansweredRatio1h)
            return;

        decision.Add(new Detection(Kind, Role.Suspect, e.Caller, w.Action, w.Severity, Scores.Over(fresh, w.MinNewCounterparts1h),
            ReasonCode.ManyUnansweredShortRingsFromAbroad, fresh, w.MinNewCounterparts1h));
    }
}
