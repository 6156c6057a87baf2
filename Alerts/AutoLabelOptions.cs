using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Engine;

namespace FraudStream.Alerts;

/// <summary>
/// Which detections are confident enough to label the suspect number automatically (source <c>auto</c>, with a
/// TTL), so its next call is stopped by the blocklist in O(1). Bound from <c>Alerts:AutoLabel</c>.
/// </summary>
public sealed class AutoLabelOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long an auto label lives; like any label it can be removed earlier (<c>fraudstream labels remove</c>).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Minimum detection score per kind (wire name); a kind not listed, or set above 1, is never auto-labelled.</summary>
    public Dictionary<string, double> MinScore { get; set; } = new(StringComparer.Ordinal)
    {
        ["wangiri"] = 0.9,
        ["robocall"] = 0.95,
        ["sms_flood"] = 0.9,
        ["irsf"] = 0.95,
        ["simbox"] = 0.95,

        // Callers the callee stage names as members of a bombing pool (CallBombingThresholds.MinSuspectCallsToVictim1h).
        ["call_bombing"] = 0.5,

        // The caller behind a victim warning (a long first call from abroad, 600 s scores 0.5, 1200 s and more 1):
        // labelled so that its next call to anyone is warned (ActionOf: warn, not the category's block).
        ["scam"] = 0.5,
    };

    /// <summary>
    /// Whether suspects named by the callee stage (members of a call-bombing pool) are labelled. Their labels reach the
    /// caller stage through Redis only, so which of their calls first meets the label depends on when the replica
    /// catches up (docs/guarantees.md). Off, every alert id depends on the input alone, and pool members are not labelled.
    /// </summary>
    public bool CalleeStage { get; set; } = true;

    /// <summary>The label category an auto label of <paramref name="kind"/> gets (its default action follows).</summary>
    public static LabelCategory CategoryOf(FraudKind kind) => AutoLabelPolicy.CategoryOf(kind);

    /// <summary>The policy both halves of the loop apply (the partition's own labels and the Redis writes); null when off.</summary>
    public AutoLabelPolicy? ToPolicy()
    {
        if (!Enabled)
            return null;
        var minScore = new List<KeyValuePair<FraudKind, double>>();
        foreach (var (kind, score) in MinScore)
        {
            if (FraudKinds.TryParse(kind, out var k))
                minScore.Add(new(k, score));
        }

        return new AutoLabelPolicy(minScore, Ttl);
    }

    /// <summary>
    /// The action an auto label of <paramref name="kind"/> gets, when not its category's default: a scam suspect is
    /// named from one victim's call, and a relative abroad the pair memory did not know is named alike, so its calls
    /// are warned (the subscriber sees "suspected scam"), not blocked. An analyst can make the label block.
    /// </summary>
    public static LabelAction? ActionOf(FraudKind kind) => kind == FraudKind.Scam ? LabelAction.Warn : null;

    public string? Validate()
    {
        if (Ttl < TimeSpan.FromMinutes(1) || Ttl > TimeSpan.FromDays(365))
            return $"Alerts:AutoLabel:Ttl is {Ttl}, expected 00:01:00 to 365.00:00:00";
        foreach (var (kind, score) in MinScore)
        {
            if (!FraudKinds.TryParse(kind, out var k))
                return $"Alerts:AutoLabel:MinScore has unknown kind '{kind}', expected one of {string.Join(", ", FraudKinds.All.Select(x => x.ToWire()))}";
            if (k is FraudKind.Blocklisted or FraudKind.OverseasBlocked or FraudKind.VictimWarning)
                return $"Alerts:AutoLabel:MinScore:{kind}: only suspect kinds can be auto-labelled (not victims or existing labels)";
            if (score < 0 || double.IsNaN(score))
                return $"Alerts:AutoLabel:MinScore:{kind} is {score}, expected 0 to 1 (above 1 turns the kind off)";
        }

        return null;
    }
}
