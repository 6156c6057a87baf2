using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Robocall: a dialer fanning out to many new numbers within 15 minutes, mostly unanswered or hung up on
/// within seconds. Couriers fan out too, but a few an hour, and their calls are answered. Suspect: the caller.
/// </summary>
public sealed class RobocallDetector : IDetector
{
    public FraudKind Kind => FraudKind.Robocall;

    public Side Side => Side.Outbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var r = t.Robocall;
        if (!r.Enabled || e.Type != CallType.Voice)
            return;

        var calls = f[Feature.Calls15m];
        if (calls < r.MinCalls15m || f[Feature.NewCounterparts15m] < r.MinNewCounterparts15m || f[Feature.MeanRing1h] < r.MinMeanRing1h
            || Scores.ShortOrUnanswered(f[Feature.UnansweredRatio1h], f[Feature.ShortCallRatio1h]) < r.MinShortOrUnansweredRatio1h)
            return;

        decision.Add(new Detection(Kind, Role.Suspect, e.Caller, r.Action, r.Severity, Scores.Over(calls, r.MinCalls15m),
            ReasonCode.HighFanOutShortCalls, calls, r.MinCalls15m));
    }
}
