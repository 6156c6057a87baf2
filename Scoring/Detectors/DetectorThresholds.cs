using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

// One record per detector, all in one file: they are the shape of thresholds.json and read best side by side.
#pragma warning disable SA1402, MA0048

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

/// <summary>SMS flood: texts to very many new recipients within 15 minutes.</summary>
public sealed record SmsFloodThresholds : RuleSettings
{
    public SmsFloodThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.High);

    public float MinSms15m { get; init; } = 60;

    public float MinNewCounterparts15m { get; init; } = 50;

    /// <summary>
    /// SMS of the last 15 minutes over those of the last hour: a flood is a burst (near 1), bank and courier
    /// notifications are a steady stream (0.25 at a constant rate).
    /// </summary>
    public float MinBurstShare { get; init; } = 0.5f;

    /// <summary>A flood sends tens a minute; the busiest bank sender a few.</summary>
    public float MinSms1m { get; init; } = 15;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinSms15m), MinSms15m) ?? NonNegative(name, nameof(MinNewCounterparts15m), MinNewCounterparts15m)
           ?? Ratio(name, nameof(MinBurstShare), MinBurstShare) ?? NonNegative(name, nameof(MinSms1m), MinSms1m);
}

/// <summary>Harassment: many events from one caller to the same callee within the hour, mostly unwanted.</summary>
public sealed record HarassmentThresholds : RuleSettings
{
    public HarassmentThresholds() => (Action, Severity) = (DecisionAction.Label, Severity.Medium);

    public float MinPairEvents1h { get; init; } = 5;

    /// <summary>The caller's unanswered-or-short share of calls in the last hour.</summary>
    public float MinUnwantedRatio1h { get; init; } = 0.6f;

    /// <summary>Beyond this many calls in 15 minutes the caller is flooding (call bombing), not harassing.</summary>
    public float MaxCalls15m { get; init; } = 20;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinPairEvents1h), MinPairEvents1h) ?? Ratio(name, nameof(MinUnwantedRatio1h), MinUnwantedRatio1h)
           ?? NonNegative(name, nameof(MaxCalls15m), MaxCalls15m);
}

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

/// <summary>SIM box: many calls to many distinct home numbers from one static cell, without SMS.</summary>
public sealed record SimboxThresholds : RuleSettings
{
    public SimboxThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.High);

    public float MinCalls1h { get; init; } = 8;

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

/// <summary>Call bombing (inbound): a callee flooded by many callers, or by one caller very often.</summary>
public sealed record CallBombingThresholds : RuleSettings
{
    public CallBombingThresholds() => (Action, Severity) = (DecisionAction.Warn, Severity.High);

    public float MinCalls15m { get; init; } = 15;

    public float MinCallers15m { get; init; } = 5;

    public float MinUnansweredRatio1h { get; init; } = 0.6f;

    public float MinCallsFromOneCaller1h { get; init; } = 15;

    /// <summary>
    /// For this many minutes after a caller was seen flooding a victim, whoever else it calls or texts is a
    /// victim too (the debt-collection variant shaming the victim's contacts); 0 turns this off.
    /// </summary>
    public float ContactsMemoryMinutes { get; init; } = 120;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls15m), MinCalls15m) ?? NonNegative(name, nameof(MinCallers15m), MinCallers15m)
           ?? Ratio(name, nameof(MinUnansweredRatio1h), MinUnansweredRatio1h) ?? NonNegative(name, nameof(MinCallsFromOneCaller1h), MinCallsFromOneCaller1h)
           ?? NonNegative(name, nameof(ContactsMemoryMinutes), ContactsMemoryMinutes);
}

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

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinDurationSec), MinDurationSec) ?? NonNegative(name, nameof(MinRecentPairEvents1h), MinRecentPairEvents1h)
           ?? NonNegative(name, nameof(MaxRecentPairEvents1h), MaxRecentPairEvents1h);
}
