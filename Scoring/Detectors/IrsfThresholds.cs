using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>IRSF: a home number pumping long calls to foreign numbers, mostly international, often at night.</summary>
public sealed record IrsfThresholds : RuleSettings
{
    public IrsfThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.Critical);

    public float MinCalls1h { get; init; } = 3;

    public float MinInternationalShare1h { get; init; } = 0.8f;

    public float MinMeanDuration1h { get; init; } = 600;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls1h), MinCalls1h) ?? Ratio(name, nameof(MinInternationalShare1h), MinInternationalShare1h)
           ?? NonNegative(name, nameof(MinMeanDuration1h), MinMeanDuration1h);
}
