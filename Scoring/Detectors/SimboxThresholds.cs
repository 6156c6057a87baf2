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

    /// <summary>
    /// The share of the hour's events at night (FeatureOptions' night hours) from which the night test applies: a cell
    /// reported on an earlier record of the number will do, and <see cref="MinFirstContactsAtNight1h"/> strangers.
    /// Above 1: never (only records reporting the cell fire, with the daytime minimums).
    /// </summary>
    public float MinNightShare1h { get; init; } = 0.5f;

    /// <summary>At night, calls and first contacts in the hour enough to fire (the lower of this and the daytime minimums).</summary>
    public float MinFirstContactsAtNight1h { get; init; } = 3;

    /// <summary>
    /// By day, a caller this process first saw calling at least this many hours ago is an established line (an
    /// office call centre), not a SIM new to the network: the day test leaves it alone; the night test does not.
    /// 0 turns the age test off. Numbers are new to a process just started, so for its first day this is as if off.
    /// </summary>
    public int MaxHoursKnownByDay { get; init; } = 24;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls1h), MinCalls1h) ?? NonNegative(name, nameof(MinNewCounterparts1h), MinNewCounterparts1h)
           ?? NonNegative(name, nameof(MaxCellChanges1h), MaxCellChanges1h) ?? NonNegative(name, nameof(MaxSms1h), MaxSms1h)
           ?? Ratio(name, nameof(MaxInternationalShare1h), MaxInternationalShare1h)
           ?? NonNegative(name, nameof(MinNightShare1h), MinNightShare1h) ?? NonNegative(name, nameof(MinFirstContactsAtNight1h), MinFirstContactsAtNight1h)
           ?? NonNegative(name, nameof(MaxHoursKnownByDay), MaxHoursKnownByDay);
}
