using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// International revenue share fraud: a number pumping long answered calls to foreign numbers, back to back,
/// almost all of its traffic international, often at night. Family abroad calls long too, but one call, not
/// several an hour. Prefix rules for premium ranges come from the label replica. Suspect: the caller.
/// </summary>
public sealed class IrsfDetector : IDetector
{
    public FraudKind Kind => FraudKind.Irsf;

    public Side Side => Side.Outbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var r = t.Irsf;
        if (!r.Enabled || e.Type != CallType.Voice || f[Feature.CounterpartForeign] == 0)
            return;

        var mean = f[Feature.MeanDuration1h];
        if (f[Feature.Calls1h] < r.MinCalls1h || f[Feature.InternationalShare1h] < r.MinInternationalShare1h || mean < r.MinMeanDuration1h)
            return;

        // Night pumping, while the owner sleeps, is the classic pattern: more confidence, same rule.
        var score = Math.Min(1f, Scores.Over(mean, r.MinMeanDuration1h) + (0.2f * f[Feature.NightShare1h]));
        decision.Add(new Detection(Kind, Role.Suspect, e.Caller, r.Action, r.Severity, score,
            ReasonCode.LongInternationalCallsPumped, mean, r.MinMeanDuration1h));
    }
}
