using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// SIM box: a SIM in a gateway calling many distinct home numbers every hour, day and night, from one cell,
/// never texting. Couriers also call many strangers, but they move between cells all day; heavy callers call
/// many numbers from one place, but numbers they called before. Suspect: the caller.
/// </summary>
public sealed class SimboxDetector : IDetector
{
    public FraudKind Kind => FraudKind.Simbox;

    public Side Side => Side.Outbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var s = t.Simbox;
        // The cell must be known: without it "static" cannot be told from "not reported".
        if (!s.Enabled || e.Type != CallType.Voice || e.CellHash == 0 || f[Feature.CounterpartForeign] != 0)
            return;

        // Callees it never dealt with before: a heavy caller's many calls go to its own contacts, a SIM box's to strangers.
        var fresh = f[Feature.FirstContacts1h];
        if (f[Feature.Calls1h] < s.MinCalls1h || fresh < s.MinNewCounterparts1h || f[Feature.CellChanges1h] > s.MaxCellChanges1h
            || f[Feature.Sms1h] > s.MaxSms1h || f[Feature.InternationalShare1h] > s.MaxInternationalShare1h)
            return;

        decision.Add(new Detection(Kind, Role.Suspect, e.Caller, s.Action, s.Severity, Scores.Over(fresh, s.MinNewCounterparts1h),
            ReasonCode.ManyDistinctCalleesFromStaticCell, fresh, s.MinNewCounterparts1h));
    }
}
