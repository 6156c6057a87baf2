using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Call bombing, on the callee's (inbound) features: a subscriber flooded by many calls from many callers
/// within 15 minutes, mostly unanswered, or by very many calls from one caller within the hour. Hotlines also
/// receive many callers, but answer them. Victim: the callee (warned); the debt-collection variant's
/// contacts show the same signature on their own inbound features.
/// </summary>
public sealed class CallBombingDetector : IDetector
{
    public FraudKind Kind => FraudKind.CallBombing;

    public Side Side => Side.Inbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var b = t.CallBombing;
        if (!b.Enabled || e.Type != CallType.Voice || f[Feature.UnansweredRatio1h] < b.MinUnansweredRatio1h)
            return;

        var calls = f[Feature.Calls15m];
        if (calls >= b.MinCalls15m && f[Feature.NewCounterparts15m] >= b.MinCallers15m)
        {
            decision.Add(new Detection(Kind, Role.Victim, e.Callee, b.Action, b.Severity, Scores.Over(calls, b.MinCalls15m),
                ReasonCode.FloodedByManyCallers, calls, b.MinCalls15m));
            return;
        }

        var fromOne = f[Feature.PairEvents1h];
        if (fromOne >= b.MinCallsFromOneCaller1h)
        {
            decision.Add(new Detection(Kind, Role.Victim, e.Callee, b.Action, b.Severity, Scores.Over(fromOne, b.MinCallsFromOneCaller1h),
                ReasonCode.FloodedByOneCaller, fromOne, b.MinCallsFromOneCaller1h));
        }
    }
}
