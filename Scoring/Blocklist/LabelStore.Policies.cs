using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

public sealed partial class LabelStore
{
    /// <summary>
    /// Changes a subscriber's opt-ins; a null option keeps its current value (atomically, in the script).
    /// Returns the policy now in force. A policy with every option off is deleted.
    /// </summary>
    public async Task<SubscriberPolicy> SetPolicyAsync(ulong subscriber, bool? blockOverseas, bool? warn, string actor, CancellationToken cancellationToken = default)
    {
        CheckNumber(subscriber);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var result = await ChangeAsync(
            BlocklistScripts.SetPolicy,
            [_keys.Policy(subscriber)],
            [BlocklistKeys.Digits(subscriber), Flag(blockOverseas), Flag(warn)],
            actor,
            cancellationToken).ConfigureAwait(false);
        var values = (RedisResult[])result!;
        return new SubscriberPolicy((string?)values[1] == "1", (string?)values[2] == "1");
    }

    /// <summary>The subscriber's policy as Redis holds it; <see cref="SubscriberPolicy.None"/> when none.</summary>
    public async Task<SubscriberPolicy> GetPolicyAsync(ulong subscriber, CancellationToken cancellationToken = default)
    {
        var values = await RunAsync(static (db, key) => db.HashGetAsync(key, ["overseas", "warn"]), _keys.Policy(subscriber), cancellationToken).ConfigureAwait(false);
        return new SubscriberPolicy(values[0] == "1", values[1] == "1");
    }

    private static RedisValue Flag(bool? value) => value switch
    {
        true => "1",
        false => "0",
        null => "",
    };
}
