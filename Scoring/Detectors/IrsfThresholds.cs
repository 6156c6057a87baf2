using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>IRSF: a home number pumping long calls to foreign numbers, or dialling many new ones, mostly international, often at night.</summary>
public sealed record IrsfThresholds : RuleSettings
{
    public IrsfThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.Critical);

    public float MinCalls1h { get; init; } = 3;

    public float MinInternationalShare1h { get; init; } = 0.8f;

    public float MinMeanDuration1h { get; init; } = 600;

    /// <summary>
    /// The fan-out pattern, whatever the calls' length: a hijacked line dialling this many distinct new numbers in the
    /// hour (decayed), this call to a new foreign one, the traffic at least <see cref="MinInternationalShare1h"/>
    /// international. A business calling its clients abroad reaches a handful an hour. 0 turns the pattern off.
    /// </summary>
    public float MinNewForeignNumbers1h { get; init; } = 10;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls1h), MinCalls1h) ?? Ratio(name, nameof(MinInternationalShare1h), MinInternationalShare1h)
           ?? NonNegative(name, nameof(MinMeanDuration1h), MinMeanDuration1h) ?? NonNegative(name, nameof(MinNewForeignNumbers1h), MinNewForeignNumbers1h);
}
