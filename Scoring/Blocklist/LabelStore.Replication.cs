using System.Globalization;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

// What BlocklistReplica reads: the version stamp, the change log after a version, and full-load batches.
public sealed partial class LabelStore
{
    internal BlocklistKeys Keys => _keys;

    /// <summary>The epoch ("" before the first change) and the version ("0" before the first change).</summary>
    internal async Task<(string Epoch, long Version)> ReadStateAsync(CancellationToken cancellationToken)
    {
        var values = await RunAsync(static (db, k) => db.StringGetAsync([k.Epoch, k.Version]), _keys, cancellationToken).ConfigureAwait(false);
        return ((string?)values[0] ?? "", values[1].IsNull ? 0 : (long)values[1]);
    }

    /// <summary>Up to <paramref name="take"/> change-log members with a version above <paramref name="after"/>, oldest first.</summary>
    internal Task<RedisValue[]> ReadChangesAsync(long after, int take, CancellationToken cancellationToken)
        => RunAsync(
            static (db, s) => db.SortedSetRangeByScoreAsync(s.Changes, s.after, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, s.take),
            (_keys.Changes, after, take),
            cancellationToken);

    /// <summary>One full-load step over the labels: the next cursor ("0" at the end) and (number, label) pairs.</summary>
    internal async Task<string> ScanLabelInfosAsync(string cursor, List<(ulong Number, LabelInfo Label)> into, CancellationToken cancellationToken)
    {
        var (next, items) = await ScanAsync(BlocklistScripts.ScanLabels, cursor, full: false, "", cancellationToken).ConfigureAwait(false);
        for (var i = 1; i + 4 < items.Length; i += 5)
        {
            if (ulong.TryParse((string?)items[i], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && LabelNames.TryParse((string?)items[i + 1], out LabelCategory category)
                && LabelNames.TryParse((string?)items[i + 2], out LabelSource source)
                && LabelNames.TryParse((string?)items[i + 3], out LabelAction action)
                && long.TryParse((string?)items[i + 4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            {
                into.Add((number, new LabelInfo(category, source, action, expires)));
            }
        }

        return next;
    }

    /// <summary>One full-load step over the policies.</summary>
    internal async Task<string> ScanPoliciesAsync(string cursor, List<(ulong Subscriber, SubscriberPolicy Policy)> into, CancellationToken cancellationToken)
    {
        var (next, items) = await ScanAsync(BlocklistScripts.ScanPolicies, cursor, full: false, "", cancellationToken).ConfigureAwait(false);
        for (var i = 1; i + 2 < items.Length; i += 3)
        {
            if (ulong.TryParse((string?)items[i], NumberStyles.None, CultureInfo.InvariantCulture, out var subscriber))
                into.Add((subscriber, new SubscriberPolicy((string?)items[i + 1] == "1", (string?)items[i + 2] == "1")));
        }

        return next;
    }

    /// <summary>Every prefix rule, without reasons.</summary>
    internal async Task<List<PrefixRule>> LoadPrefixRulesAsync(CancellationToken cancellationToken)
    {
        var items = await LoadPrefixItemsAsync(cancellationToken).ConfigureAwait(false);
        var rules = new List<PrefixRule>();
        for (var i = 0; i + 5 < items.Length; i += 6)
        {
            if (TryParseRule((string?)items[i], (string?)items[i + 1], (string?)items[i + 2], out var rule))
                rules.Add(rule);
        }

        return rules;
    }
}
