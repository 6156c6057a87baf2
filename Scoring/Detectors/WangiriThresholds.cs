using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>Wangiri: a foreign caller ringing home numbers once, briefly, unanswered, many new ones an hour.</summary>
public sealed record WangiriThresholds : RuleSettings
{
    public WangiriThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.High);

    public float MaxRingSec { get; init; } = 3.5f;

    public float MinNewCounterparts1h { get; init; } = 15;

    public float MinUnansweredRatio1h { get; init; } = 0.8f;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MaxRingSec), MaxRingSec) ?? NonNegative(name, nameof(MinNewCounterparts1h), MinNewCounterparts1h)
           ?? Ratio(name, nameof(MinUnansweredRatio1h), MinUnansweredRatio1h);
}
