using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Engine;

/// <summary>Turns what the label replica knows about an event's numbers into detections.</summary>
internal static class LabelDetections
{
    /// <summary>Labels and prefix rules of the caller, prefix rules of the callee (premium ranges), and the callee's overseas policy.</summary>
    /// <returns>
    /// Whether the caller is labelled a member of a call-bombing pool (<see cref="LabelCategory.Bombing"/>, named by
    /// the callee stage through an auto label): the caller side then treats it as flooding someone, so the records
    /// it re-keys carry the flood mark (its contact calls name victims) and it is not taken for a harasser.
    /// </returns>
    public static bool Add(BlocklistReplica blocklist, in CallEvent e, long nowMs, ushort homeCountryCode, ref Decision decision)
    {
        var bomber = false;
        if (blocklist.TryGetLabel(e.Caller.Value, nowMs, out var label))
        {
            decision.Add(Detection(FraudKind.Blocklisted, e.Caller, label.Action, ReasonCode.Label));
            bomber = label.Category == LabelCategory.Bombing;
        }
        else if (blocklist.TryMatchPrefix(e.Caller.Value, e.Caller.Digits, out var callerRange))
            decision.Add(Detection(FraudKind.Blocklisted, e.Caller, callerRange.Action, ReasonCode.PrefixRule));

        // Calling into a listed range (premium-rate, IRSF) is the caller's risk, not the destination's fault.
        if (blocklist.TryMatchPrefix(e.Callee.Value, e.Callee.Digits, out var calleeRange) && calleeRange.Action != LabelAction.Allow)
            decision.Add(Detection(FraudKind.Irsf, e.Caller, calleeRange.Action, ReasonCode.PrefixRule));

        AddPolicy(blocklist, e, homeCountryCode, ref decision);
        return bomber;
    }

    /// <summary>
    /// The callee's "block overseas calls" policy. Checked on both sides: on the caller side so the event's
    /// decision blocks at once (call control), on the callee side so the alert comes from the partition that
    /// owns the protected subscriber (suppression per subscriber holds across instances).
    /// </summary>
    public static void AddPolicy(BlocklistReplica blocklist, in CallEvent e, ushort homeCountryCode, ref Decision decision)
    {
        if (blocklist.GetPolicy(e.Callee.Value).Blocks(e.Caller, homeCountryCode))
            decision.Add(new Detection(FraudKind.OverseasBlocked, Role.Victim, e.Callee, DecisionAction.Block, Severity.Low, 1, ReasonCode.SubscriberBlocksOverseas, 1, 1));
    }

    private static Detection Detection(FraudKind kind, PhoneNumber number, LabelAction action, ReasonCode reason)
    {
        var (decision, severity) = action switch
        {
            LabelAction.Block => (DecisionAction.Block, Severity.High),
            LabelAction.Warn => (DecisionAction.Warn, Severity.Medium),
            LabelAction.Allow => (DecisionAction.Allow, Severity.Low),
            _ => (DecisionAction.Label, Severity.Low),
        };
        return new Detection(kind, Role.Suspect, number, decision, severity, 1, reason, 1, 1);
    }
}
