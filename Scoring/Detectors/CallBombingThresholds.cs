using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>Call bombing (inbound): a callee flooded by many callers, by a few callers again and again, or by one caller very often.</summary>
public sealed record CallBombingThresholds : RuleSettings
{
    public CallBombingThresholds() => (Action, Severity) = (DecisionAction.Warn, Severity.High);

    public float MinCalls15m { get; init; } = 10;

    public float MinCallers15m { get; init; } = 5;

    public float MinUnansweredRatio1h { get; init; } = 0.6f;

    public float MinCallsFromOneCaller1h { get; init; } = 15;

    /// <summary>
    /// A flood by a few persistent callers (a debt collector's 3-5 numbers, each calling 8-20 times in half an
    /// hour): at least this many calls received in the hour (decayed) ...
    /// </summary>
    public float MinCallsFromFewCallers1h { get; init; } = 15;

    /// <summary>
    /// ... from at least this many new callers in the hour (decayed from each caller's first call: three callers who
    /// started 20 minutes ago count 2.1, two count 1.4) ...
    /// </summary>
    public float MinFewCallers1h { get; init; } = 2;

    /// <summary>
    /// ... this call's caller having called at least this many times in the hour (this call included). Relatives
    /// trying to reach someone who does not answer call a few times each, not eight. 0 turns the pattern off.
    /// </summary>
    public float MinCallsPerPersistentCaller1h { get; init; } = 6;

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
           ?? NonNegative(name, nameof(MinCallsFromFewCallers1h), MinCallsFromFewCallers1h) ?? NonNegative(name, nameof(MinFewCallers1h), MinFewCallers1h)
           ?? NonNegative(name, nameof(MinCallsPerPersistentCaller1h), MinCallsPerPersistentCaller1h)
           ?? NonNegative(name, nameof(MinSuspectCallsToVictim1h), MinSuspectCallsToVictim1h)
           ?? NonNegative(name, nameof(ContactsMemoryMinutes), ContactsMemoryMinutes);
}
