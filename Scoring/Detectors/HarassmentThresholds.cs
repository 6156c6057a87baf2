using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>Harassment: many events from one caller to the same callee within the hour, mostly unwanted.</summary>
public sealed record HarassmentThresholds : RuleSettings
{
    public HarassmentThresholds() => (Action, Severity) = (DecisionAction.Label, Severity.Medium);

    public float MinPairEvents1h { get; init; } = 5;

    /// <summary>The caller's unanswered-or-short share of calls in the last hour.</summary>
    public float MinUnwantedRatio1h { get; init; } = 0.6f;

    /// <summary>Beyond this many calls in 15 minutes the caller is flooding (call bombing), not harassing.</summary>
    public float MaxCalls15m { get; init; } = 20;

    /// <summary>An answered call at least this long is a conversation: the event is not unwanted.</summary>
    public float MinConversationSec { get; init; } = 60;

    /// <summary>
    /// A harasser pursues one person: a caller that also reached more than this many new numbers in the hour
    /// (decayed) while calling the victim again and again is one of a call-bombing pool working through the
    /// victim's contacts, named by that rule once the pool is recognised at the victim.
    /// </summary>
    public float MaxNewCounterparts1h { get; init; } = 1.5f;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinPairEvents1h), MinPairEvents1h) ?? Ratio(name, nameof(MinUnwantedRatio1h), MinUnwantedRatio1h)
           ?? NonNegative(name, nameof(MaxCalls15m), MaxCalls15m) ?? NonNegative(name, nameof(MinConversationSec), MinConversationSec)
           ?? NonNegative(name, nameof(MaxNewCounterparts1h), MaxNewCounterparts1h);
}
