using System.Globalization;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

public sealed partial class LabelStore
{
    /// <summary>Adds or replaces the rule for <see cref="PrefixRule.Prefix"/>. Returns the blocklist version of the change.</summary>
    public async Task<long> AddPrefixAsync(PrefixRule rule, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var digits = rule.Digits;
        if (rule.Prefix == 0 || digits.Length != rule.Length)
            throw new ArgumentException($"prefix {digits} does not have {rule.Length} digits", nameof(rule));
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (LabelNames.CheckAction(rule.Category, rule.Action) is { } problem)
            throw new ArgumentException(problem, nameof(rule));

        var result = await ChangeAsync(
            BlocklistScripts.AddPrefix,
            [_keys.PrefixRule(digits), _keys.Prefixes],
            [digits, LabelNames.Name(rule.Action), LabelNames.Name(rule.Category), reason ?? ""],
            actor,
            cancellationToken).ConfigureAwait(false);
        return (long)result;
    }

    /// <summary>Removes the rule for exactly <paramref name="prefix"/>; false when there was none.</summary>
    public async Task<bool> RemovePrefixAsync(ulong prefix, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var digits = BlocklistKeys.Digits(prefix);
        var result = await ChangeAsync(
            BlocklistScripts.RemovePrefix, [_keys.PrefixRule(digits), _keys.Prefixes], [digits, reason ?? ""], actor, cancellationToken).ConfigureAwait(false);
        return (long)result != 0;
    }

    /// <summary>Every prefix rule with its reason, ordered by digits.</summary>
    public async Task<IReadOnlyList<PrefixRuleRecord>> ListPrefixesAsync(CancellationToken cancellationToken = default)
    {
        var items = await LoadPrefixItemsAsync(cancellationToken).ConfigureAwait(false);
        var rules = new List<PrefixRuleRecord>();
        for (var i = 0; i + 5 < items.Length; i += 6)
        {
            if (TryParseRule((string?)items[i], (string?)items[i + 1], (string?)items[i + 2], out var rule))
            {
                _ = long.TryParse((string?)items[i + 4], NumberStyles.None, CultureInfo.InvariantCulture, out var created);
                rules.Add(new PrefixRuleRecord(rule, (string?)items[i + 3] ?? "", created, (string?)items[i + 5] ?? ""));
            }
        }

        rules.Sort(static (a, b) => string.CompareOrdinal(a.Rule.Digits, b.Rule.Digits));
        return rules;
    }

    private async Task<RedisResult[]> LoadPrefixItemsAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(
            static (db, s) => db.ScriptEvaluateAsync(BlocklistScripts.LoadPrefixes, [s.Prefixes], [s.Prefix]),
            _keys,
            cancellationToken).ConfigureAwait(false);
        return (RedisResult[])result!;
    }

    private static bool TryParseRule(string? digits, string? act, string? cat, out PrefixRule rule)
    {
        rule = default;
        if (!PrefixRule.TryParseDigits(digits, out var prefix, out var length)
            || !LabelNames.TryParse(act, out LabelAction action) || !LabelNames.TryParse(cat, out LabelCategory category))
        {
            return false;
        }

        rule = new PrefixRule(prefix, length, action, category);
        return true;
    }
}
