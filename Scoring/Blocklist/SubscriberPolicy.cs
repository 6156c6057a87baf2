using FraudStream.Ingest.Cdr;

namespace FraudStream.Scoring.Blocklist;

/// <summary>What a subscriber opted into. The default (<see cref="None"/>) changes nothing.</summary>
/// <param name="BlockOverseas">Block every call from an international number to this subscriber; domestic calls are untouched.</param>
/// <param name="Warn">Show warnings for labelled callers (harassment, spam, robocall) to this subscriber.</param>
public readonly record struct SubscriberPolicy(bool BlockOverseas, bool Warn)
{
    public static SubscriberPolicy None => default;

    /// <summary>Whether any option is on; a policy with none is not stored.</summary>
    public bool IsSet => BlockOverseas || Warn;

    /// <summary>Whether a call from <paramref name="caller"/> to this subscriber is blocked by the policy alone.</summary>
    public bool Blocks(in PhoneNumber caller, ushort homeCountryCode) => BlockOverseas && caller.IsInternationalFor(homeCountryCode);
}
