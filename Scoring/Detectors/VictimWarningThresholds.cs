using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>Victim warning (inbound): an answered long call from a foreign number calling for the first time.</summary>
public sealed record VictimWarningThresholds : RuleSettings
{
    public VictimWarningThresholds() => (Action, Severity) = (DecisionAction.Warn, Severity.High);

    public float MinDurationSec { get; init; } = 600;

    /// <summary>
    /// A pair that is not new still counts as "first time" when its events all fall within the last hour
    /// (a scam's short attempts before the hook): at least this many events (this one included) ...
    /// </summary>
    public float MinRecentPairEvents1h { get; init; } = 1.5f;

    /// <summary>... and at most this many.</summary>
    public float MaxRecentPairEvents1h { get; init; } = 4.5f;

    /// <summary>
    /// Whether the caller behind a warning is named a <c>scam</c> suspect (the callee stage alerts on it and asks
    /// for its auto label, Alerts:AutoLabel:MinScore:scam), so that its next call to anyone is warned.
    /// </summary>
    public bool NameSuspect { get; init; } = true;

    /// <summary>
    /// What the <c>scam</c> suspect detection asks for. Warn, not block: a relative abroad whose first long call the
    /// pair memory did not know is named too, and a warning costs them less than a blocked call.
    /// </summary>
    public DecisionAction SuspectAction { get; init; } = DecisionAction.Warn;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinDurationSec), MinDurationSec) ?? NonNegative(name, nameof(MinRecentPairEvents1h), MinRecentPairEvents1h)
           ?? NonNegative(name, nameof(MaxRecentPairEvents1h), MaxRecentPairEvents1h)
           ?? (SuspectAction == DecisionAction.Allow ? $"{name}.{nameof(SuspectAction)} is allow, expected label, warn or block (nameSuspect false turns it off)" : null);
}
