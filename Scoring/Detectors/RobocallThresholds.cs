using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>Robocall: high fan-out within 15 minutes, mostly unanswered or short.</summary>
public sealed record RobocallThresholds : RuleSettings
{
    public RobocallThresholds() => (Action, Severity) = (DecisionAction.Label, Severity.Medium);

    public float MinCalls15m { get; init; } = 30;

    public float MinNewCounterparts15m { get; init; } = 25;

    /// <summary>Unanswered calls plus answered ones shorter than the short-call bound, over all calls (last hour).</summary>
    public float MinShortOrUnansweredRatio1h { get; init; } = 0.75f;

    /// <summary>Dialers let it ring; wangiri cuts after a ring or two.</summary>
    public float MinMeanRing1h { get; init; } = 5;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls15m), MinCalls15m) ?? NonNegative(name, nameof(MinNewCounterparts15m), MinNewCounterparts15m)
           ?? Ratio(name, nameof(MinShortOrUnansweredRatio1h), MinShortOrUnansweredRatio1h) ?? NonNegative(name, nameof(MinMeanRing1h), MinMeanRing1h);
}
