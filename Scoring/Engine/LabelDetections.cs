using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Engine;

/// <summary>Turns what the label replica knows about an event's numbers into detections.</summary>
internal static class LabelDetections
{
    /// <summary>Labels and prefix rules of the caller, prefix rules of the callee (premium ranges), and the callee's overseas policy.</summary>
    /// <param name="blocklist">The label replica; null without Redis (then only <paramref name="local"/> labels count).</param>
    /// <param name="local">The auto labels the partition decided itself and Redis may not show yet; null when the loop is off.</param>
    /// <param name="sharedAuto">Whether the replica holds an auto label for the caller (acting on this record or not).</param>
    /// <returns>
    /// Whether the caller is labelled a member of a call-bombing pool (<see cref="LabelCategory.Bombing"/>, named by
    /// the callee stage through an auto label): the caller side then treats it as flooding someone, so the records
    /// it re-keys carry the flood mark (its contact calls name victims) and it is not taken for a harasser.
    /// </returns>
    public static bool Add(BlocklistReplica? blocklist, PartitionLabels? local, in CallEvent e, long nowMs, ushort homeCountryCode, ref Decision decision, out bool sharedAuto)
    {
        var bomber = false;
        sharedAuto = false;
        LabelInfo label = default;
        var labelled = false;
        if (blocklist is not null && blocklist.TryGetLabel(e.Caller.Value, nowMs, out label))
        {
            // A label set by people acts at once. An auto label acts after the event time its detecting partition had
            // reached (LabelInfo.FromMs), so a replay does not meet it earlier than the first run did; once the
            // replica shows it, it decides here as in every other partition (and an analyst's removal ends it).
            labelled = label.Source != LabelSource.Auto || label.ActsOn(e.StartTimeMs);
            if (label.Source == LabelSource.Auto)
            {
                sharedAuto = true;
                local?.Forget(e.Caller.Value);
            }
        }
        else if (local is not null)
        {
            labelled = local.TryGet(e.Caller.Value, e.StartTimeMs, out label);
        }

        if (labelled)
        {
            decision.Add(Detection(FraudKind.Blocklisted, e.Caller, label.Action, ReasonCode.Label));
            bomber = label.Category == LabelCategory.Bombing;
        }
        else if (blocklist is not null && blocklist.TryMatchPrefix(e.Caller.Value, e.Caller.Digits, out var callerRange))
        {
            decision.Add(Detection(FraudKind.Blocklisted, e.Caller, callerRange.Action, ReasonCode.PrefixRule));
        }

        if (blocklist is null)
            return bomber;

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
