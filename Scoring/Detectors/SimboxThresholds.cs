using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>SIM box: many calls to many distinct home numbers from one static cell, without SMS.</summary>
public sealed record SimboxThresholds : RuleSettings
{
    public SimboxThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.High);

    public float MinCalls1h { get; init; } = 8;

    /// <summary>Calls in the hour (decayed) to numbers the SIM never dealt with before (<c>first_contacts_1h</c>; the name predates it).</summary>
    public float MinNewCounterparts1h { get; init; } = 7;

    /// <summary>Couriers move: several cell changes an hour. A SIM box does not.</summary>
    public float MaxCellChanges1h { get; init; } = 0.5f;

    public float MaxSms1h { get; init; } = 0.5f;

    public float MaxInternationalShare1h { get; init; } = 0.2f;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls1h), MinCalls1h) ?? NonNegative(name, nameof(MinNewCounterparts1h), MinNewCounterparts1h)
           ?? NonNegative(name, nameof(MaxCellChanges1h), MaxCellChanges1h) ?? NonNegative(name, nameof(MaxSms1h), MaxSms1h)
           ?? Ratio(name, nameof(MaxInternationalShare1h), MaxInternationalShare1h);
}
