using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// International revenue share fraud: a number pumping long answered calls to foreign numbers, back to back,
/// almost all of its traffic international, often at night; or a hijacked line dialling one new foreign number
/// after another (premium and satellite ranges), however short the calls. Family abroad calls long too, but one
/// call, not several an hour; a business calls a handful of clients abroad an hour, not dozens. Prefix rules for
/// premium ranges come from the label replica. Suspect: the caller.
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

        var share = f[Feature.InternationalShare1h];
        if (f[Feature.Calls1h] < r.MinCalls1h || share < Math.Min(r.MinInternationalShare1h, r.MinMixedInternationalShare1h))
            return;

        var mainlyAbroad = share >= r.MinInternationalShare1h;

        // Night pumping, while the owner sleeps, is the classic pattern: more confidence, same rule.
        var night = 0.2f * f[Feature.NightShare1h];
        var mean = f[Feature.MeanDuration1h];
        if (mean >= r.MinMeanDuration1h && (mainlyAbroad || MixedButMany(f, share, r)))
        {
            decision.Add(new Detection(Kind, Role.Suspect, e.Caller, r.Action, r.Severity, Math.Min(1f, Scores.Over(mean, r.MinMeanDuration1h) + night),
                ReasonCode.LongInternationalCallsPumped, mean, r.MinMeanDuration1h));
            return;
        }

        // A hijacked line working through premium and satellite ranges: short calls, but a new destination each time.
        var fresh = f[Feature.NewCounterparts1h];
        if (mainlyAbroad && r.MinNewForeignNumbers1h > 0 && fresh >= r.MinNewForeignNumbers1h && f[Feature.PairEvents1h] <= 1.5f)
        {
            decision.Add(new Detection(Kind, Role.Suspect, e.Caller, r.Action, r.Severity, Math.Min(1f, Scores.Over(fresh, r.MinNewForeignNumbers1h) + night),
                ReasonCode.ManyNewForeignNumbersCalled, fresh, r.MinNewForeignNumbers1h));
        }
    }

    // International events = share × all events of the hour (both decayed alike).
    private static bool MixedButMany(in FeatureVector f, float share, IrsfThresholds r)
        => r.MinInternationalCalls1h > 0 && share >= r.MinMixedInternationalShare1h
           && share * (f[Feature.Calls1h] + f[Feature.Sms1h]) >= r.MinInternationalCalls1h;
}
