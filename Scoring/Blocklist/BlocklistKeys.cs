using System.Globalization;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

/// <summary>The Redis key names of one blocklist (layout: Scoring/Blocklist/README.md).</summary>
internal sealed class BlocklistKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Epoch { get; } = prefix + "epoch";

    public RedisKey Version { get; } = prefix + "version";

    public RedisKey Changes { get; } = prefix + "changes";

    public RedisKey Audit { get; } = prefix + "audit";

    public RedisKey Expiry { get; } = prefix + "expiry";

    public RedisKey Prefixes { get; } = prefix + "prefixes";

    public RedisChannel Channel { get; } = new(prefix + "changed", RedisChannel.PatternMode.Literal);

    public RedisKey Label(ulong number) => Prefix + "label:" + Digits(number);

    public RedisKey NumberAudit(ulong number) => Prefix + "audit:" + Digits(number);

    public RedisKey Policy(ulong subscriber) => Prefix + "policy:" + Digits(subscriber);

    public RedisKey PrefixRule(string digits) => Prefix + "prefix:" + digits;

    public static string Digits(ulong number) => number.ToString(CultureInfo.InvariantCulture);
}
