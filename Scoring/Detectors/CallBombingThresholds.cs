using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>Call bombing (inbound): a callee flooded by many callers, or by one caller very often.</summary>
public sealed record CallBombingThresholds : RuleSettings
{
    public CallBombingThresholds() => (Action, Severity) = (DecisionAction.Warn, Severity.High);

    public float MinCalls15m { get; init; } = 10;

    public float MinCallers15m { get; init; } = 5;

    public float MinUnansweredRatio1h { get; init; } = 0.6f;

    public float MinCallsFromOneCaller1h { get; init; } = 15;

    /// <summary>
    /// A caller of a flooded victim is named a suspect (a member of the bombing pool) when its call is unanswered
    /// and it called the victim at least this many times in the hour (decayed, this call included): a pool of
    /// 5-40 numbers calls a few times each, a worried relative once or twice and is answered. 0 names none.
    /// The pipeline turns a confident suspect into an auto label (category <c>bombing</c>, Alerts:AutoLabel), the
    /// one channel that reaches every partition: the pool is visible only at the victim's partition of the
    /// callee stage, the victim's contacts are on others.
    /// </summary>
    public float MinSuspectCallsToVictim1h { get; init; } = 2.5f;

    /// <summary>
    /// For this many minutes after a caller was seen flooding a victim, whoever else it calls or texts is a
    /// victim too (the debt-collection variant shaming the victim's contacts); 0 turns this off.
    /// </summary>
    public float ContactsMemoryMinutes { get; init; } = 120;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinCalls15m), MinCalls15m) ?? NonNegative(name, nameof(MinCallers15m), MinCallers15m)
           ?? Ratio(name, nameof(MinUnansweredRatio1h), MinUnansweredRatio1h) ?? NonNegative(name, nameof(MinCallsFromOneCaller1h), MinCallsFromOneCaller1h)
           ?? NonNegative(name, nameof(MinSuspectCallsToVictim1h), MinSuspectCallsToVictim1h)
           ?? NonNegative(name, nameof(ContactsMemoryMinutes), ContactsMemoryMinutes);
}
