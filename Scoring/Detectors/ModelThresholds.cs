using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>When the classifier's score alone makes an <c>ml_fraud</c> detection, and what it asks for.</summary>
public sealed record ModelThresholds : RuleSettings
{
    public ModelThresholds() => (Action, Severity) = (DecisionAction.Warn, Severity.Medium);

    /// <summary>The fraud probability at or above which an event is flagged.</summary>
    public float MinScore { get; init; } = 0.977f;

    /// <summary>
    /// Events to numbers the caller never dealt with before, in the hour (decayed), below which the model names no one:
    /// the fraud it was trained on reaches strangers (victims, premium numbers, anyone a SIM box relays to), and its
    /// false alarms were busy subscribers calling their own contacts. 0: the score alone decides.
    /// </summary>
    public float MinFirstContacts1h { get; init; } = 1;

    public override string? Validate(string name)
        => Ratio(name, nameof(MinScore), MinScore) ?? NonNegative(name, nameof(MinFirstContacts1h), MinFirstContacts1h);
}
