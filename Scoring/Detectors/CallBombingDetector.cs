using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Call bombing, on the callee's (inbound) features: a subscriber flooded by many calls from many callers
/// within 15 minutes, mostly unanswered, by a few callers each calling again and again within the hour (a
/// debt collector's handful of numbers), or by very many calls from one caller within the hour. Hotlines also
/// receive many callers, but answer them. Victim: the callee (warned). The callers of a flood are remembered
/// for a while (<see cref="RecentNumbers"/>): the debt-collection variant calls and texts the victim's
/// contacts at the same time, a few times each, and those contacts are named victims as well. A caller that keeps
/// calling the flooded victim unanswered is also named a suspect (one of the pool); the pipeline labels it so
/// that every partition learns of it, which is how the contacts of a victim flooded by a pool are found.
/// </summary>
/// <param name="bombers">Callers seen flooding a victim lately (shared with <see cref="HarassmentDetector"/>).</param>
/// <param name="floodedByPool">
/// Marked with each victim flooded by several callers (many, or a few persistent ones), for <see cref="HarassmentConfirmation"/>:
/// none of them is that victim's harasser. A flood by one caller is not marked: that caller may well be one.
/// </param>
public sealed class CallBombingDetector(RecentNumbers? bombers = null, RecentNumbers? floodedByPool = null) : IDetector
{
    /// <summary>
    /// How long a victim stays "being flooded" after the flood was last recognised: callers that keep calling it
    /// unanswered meanwhile are named one of the pool, though the flood's own thresholds no longer hold; after a flood
    /// by several callers, none of them is named its harasser (<see cref="HarassmentConfirmation"/>).
    /// </summary>
    public const float FloodMemoryMinutes = 60;

    private readonly RecentNumbers _bombers = bombers ?? new RecentNumbers();

    // Victims flooded lately: this detector's own (the callee side of one partition), like the pipeline's bombers.
    private readonly RecentNumbers _flooded = new(12);

    public FraudKind Kind => FraudKind.CallBombing;

    public Side Side => Side.Inbound;

    public void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        var b = t.CallBombing;
        if (!b.Enabled)
            return;

        if (e.Type == CallType.Voice && f[Feature.UnansweredRatio1h] >= b.MinUnansweredRatio1h)
        {
            var calls = f[Feature.Calls15m];
            if (calls >= b.MinCalls15m && f[Feature.NewCounterparts15m] >= b.MinCallers15m)
            {
                floodedByPool?.Mark(e.Callee.Value, e.StartTimeMs);
                Flood(e, f, b, ReasonCode.FloodedByManyCallers, calls, b.MinCalls15m, ref decision);
                return;
            }

            var fromOne = f[Feature.PairEvents1h];
            if (fromOne >= b.MinCallsFromOneCaller1h)
            {
                Flood(e, f, b, ReasonCode.FloodedByOneCaller, fromOne, b.MinCallsFromOneCaller1h, ref decision);
                return;
            }

            // A few collectors, each calling again and again: too few callers for the first pattern, too few calls
            // each for the second, but together a flood.
            var hour = f[Feature.Calls1h];
            if (b.MinCallsPerPersistentCaller1h > 0 && fromOne >= b.MinCallsPerPersistentCaller1h && hour >= b.MinCallsFromFewCallers1h
                && f[Feature.NewCounterparts1h] >= b.MinFewCallers1h)
            {
                floodedByPool?.Mark(e.Callee.Value, e.StartTimeMs);
                Flood(e, f, b, ReasonCode.FloodedByFewPersistentCallers, hour, b.MinCallsFromFewCallers1h, ref decision);
                return;
            }

            // The flood goes on below its thresholds (a few collectors, one calling at a time): the rest of the pool
            // is still named as each comes back, so that each one's contacts are warned too.
            if (!e.Answered && b.MinSuspectCallsToVictim1h > 0 && fromOne >= b.MinSuspectCallsToVictim1h
                && _flooded.WasMarkedWithin(e.Callee.Value, e.StartTimeMs, FloodMemoryMinutes, out _))
            {
                _bombers.Mark(e.Caller.Value, e.StartTimeMs);
                decision.Add(new Detection(Kind, Role.Suspect, e.Caller, DecisionAction.Label, b.Severity, 0.5f,
                    ReasonCode.RepeatedUnwantedCallsToOneNumber, fromOne, b.MinSuspectCallsToVictim1h));
                return;
            }
        }

        if (b.ContactsMemoryMinutes > 0 && _bombers.WasMarkedWithin(e.Caller.Value, e.StartTimeMs, b.ContactsMemoryMinutes, out var minutesAgo))
        {
            decision.Add(new Detection(Kind, Role.Victim, e.Callee, b.Action, b.Severity, 0.5f + (0.5f * (1 - (minutesAgo / b.ContactsMemoryMinutes))),
                ReasonCode.CalledByNumberFloodingAnother, minutesAgo, b.ContactsMemoryMinutes));
        }
    }

    private void Flood(in CallEvent e, in FeatureVector f, CallBombingThresholds b, ReasonCode reason, float value, float threshold, ref Decision decision)
    {
        _bombers.Mark(e.Caller.Value, e.StartTimeMs);
        _flooded.Mark(e.Callee.Value, e.StartTimeMs);
        var score = Scores.Over(value, threshold);
        decision.Add(new Detection(Kind, Role.Victim, e.Callee, b.Action, b.Severity, score, reason, value, threshold));

        // The caller as a member of the bombing pool: it keeps calling and is not answered. Action label: the
        // suspect is not this partition's number; the pipeline labels it (auto label) instead of alerting.
        var repeats = f[Feature.PairEvents1h];
        if (b.MinSuspectCallsToVictim1h > 0 && !e.Answered && repeats >= b.MinSuspectCallsToVictim1h)
        {
            decision.Add(new Detection(Kind, Role.Suspect, e.Caller, DecisionAction.Label, b.Severity, score,
                ReasonCode.RepeatedUnwantedCallsToOneNumber, repeats, b.MinSuspectCallsToVictim1h));
        }
    }
}
