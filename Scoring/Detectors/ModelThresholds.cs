using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>When the classifier's score alone makes an <c>ml_fraud</c> detection, and what it asks for.</summary>
public sealed record ModelThresholds : RuleSettings
{
    public ModelThresholds() => (Action, Severity) = (DecisionAction.Warn, Severity.Medium);

    /// <summary>The fraud probability at or above which an event is flagged.</summary>
    public float MinScore { get; init; } = 0.9506f;

    public override string? Validate(string name) => Ratio(name, nameof(MinScore), MinScore);
}
