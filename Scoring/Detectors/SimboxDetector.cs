using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// SIM box: a SIM in a gateway calling many distinct home numbers every hour, day and night, from one cell,
/// never texting. Couriers also call many strangers, but they move between cells all day; heavy callers call
/// many numbers from one place, but numbers they called before; an office call centre does the same by day from
/// an established line, where a box's SIMs are new to the network (<paramref name="callerAges"/>). Suspect: the caller.
/// </summary>
public sealed class SimboxDetector(NumberAge? callerAges = null) : IDetector
{
    public FraudKind Kind => FraudKind.Simbox;

    public Side Side => Side.Outbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var s = t.Simbox;
        // The cell must be known: without it "static" cannot be told from "not reported". At night, when couriers
        // and call centres (the daytime look-alikes whose moves a sparse report misses) are not calling strangers
        // and a SIM box still is, a cell reported on an earlier record will do, and fewer strangers an hour suffice
        // (a box spreads its calls over many SIMs, a few an hour each).
        if (!s.Enabled || e.Type != CallType.Voice || f[Feature.CounterpartForeign] != 0 || float.IsNaN(f[Feature.CellChanges1h]))
            return;
        var night = f[Feature.NightShare1h] >= s.MinNightShare1h;
        if (!night && e.CellHash == 0)
            return;

        // Callees it never dealt with before: a heavy caller's many calls go to its own contacts, a SIM box's to strangers.
        var fresh = f[Feature.FirstContacts1h];
        var minFresh = night ? Math.Min(s.MinNewCounterparts1h, s.MinFirstContactsAtNight1h) : s.MinNewCounterparts1h;
        var minCalls = night ? Math.Min(s.MinCalls1h, s.MinFirstContactsAtNight1h) : s.MinCalls1h;
        if (f[Feature.Calls1h] < minCalls || fresh < minFresh || f[Feature.CellChanges1h] > s.MaxCellChanges1h
            || f[Feature.Sms1h] > s.MaxSms1h || f[Feature.InternationalShare1h] > s.MaxInternationalShare1h)
            return;

        // By day, a line that has been calling for longer than a box keeps its SIMs is an office's (read last: rare).
        if (!night && callerAges is not null && s.MaxHoursKnownByDay > 0
            && callerAges.KnownFor(e.Caller.Value, FeatureExtractor.Seconds(e.StartTimeMs), s.MaxHoursKnownByDay))
            return;

        decision.Add(new Detection(Kind, Role.Suspect, e.Caller, s.Action, s.Severity, Scores.Over(fresh, minFresh),
            ReasonCode.ManyDistinctCalleesFromStaticCell, fresh, minFresh));
    }
}
