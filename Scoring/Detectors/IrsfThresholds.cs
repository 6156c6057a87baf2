using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>IRSF: a home number pumping long calls to foreign numbers, or dialling many new ones, mostly international, often at night.</summary>
public sealed record IrsfThresholds : RuleSettings
{
    public IrsfThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.Critical);

    /// <summary>Calls in the hour (decayed): 2.5 is the third call of a few minutes (three such calls decay to just under 3).</summary>
    public float MinCalls1h { get; init; } = 2.5f;

    public float MinInternationalShare1h { get; init; } = 0.8f;

    public float MinMeanDuration1h { get; init; } = 600;

    /// <summary>
    /// A hijacked line whose owner is awake too: the owner's own calls dilute the share, so this many international
    /// events in the hour (decayed) with at least <see cref="MinMixedInternationalShare1h"/> of the traffic will do
    /// for the long-call pattern. A family abroad calls one relative once or twice an evening. 0 turns it off.
    /// </summary>
    public float MinInternationalCalls1h { get; init; } = 4;

    public float MinMixedInternationalShare1h { get; init; } = 0.5f;

    /// <summary>
    /// The fan-out pattern, whatever the calls' length: a hijacked line dialling this many distinct new numbers in the
    /// hour (decayed), this call to a new foreign one, the traffic at least <see cref="MinInternationalShare1h"/>
    /// international. A business calling its clients abroad reaches a handful an hour. 0 turns the pattern off.
    /// </summary>
    public float MinNewForeignNumbers1h { get; init; } = 10;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls1h), MinCalls1h) ?? Ratio(name, nameof(MinInternationalShare1h), MinInternationalShare1h)
           ?? NonNegative(name, nameof(MinMeanDuration1h), MinMeanDuration1h) ?? NonNegative(name, nameof(MinNewForeignNumbers1h), MinNewForeignNumbers1h)
           ?? NonNegative(name, nameof(MinInternationalCalls1h), MinInternationalCalls1h)
           ?? Ratio(name, nameof(MinMixedInternationalShare1h), MinMixedInternationalShare1h);
}
