using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>SMS flood (spam, smishing): one sender texting very many new recipients within 15 minutes. Suspect: the sender.</summary>
public sealed class SmsFloodDetector : IDetector
{
    public FraudKind Kind => FraudKind.SmsFlood;

    public Side Side => Side.Outbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var s = t.SmsFlood;
        if (!s.Enabled || e.Type != CallType.Sms)
            return;

        var sms = f[Feature.Sms15m];
        if (sms < s.MinSms15m || f[Feature.NewCounterparts15m] < s.MinNewCounterparts15m || sms < s.MinBurstShare * f[Feature.Sms1h]
            || f[Feature.Sms1m] < s.MinSms1m)
            return;

        decision.Add(new Detection(Kind, Role.Suspect, e.Caller, s.Action, s.Severity, Scores.Over(sms, s.MinSms15m),
            ReasonCode.SmsToManyNewRecipients, sms, s.MinSms15m));
    }
}
