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

    /// <summary>One full-load step over labels and policies: the next cursor ("0" at the end); what it found goes into the lists.</summary>
    internal async Task<string> ScanReplicaAsync(
        string cursor, List<(ulong Number, LabelInfo Label)> labels, List<(ulong Subscriber, SubscriberPolicy Policy)> policies, CancellationToken cancellationToken)
    {
        var (next, items) = await ScanAsync(BlocklistScripts.ScanReplica, cursor, "", cancellationToken).ConfigureAwait(false);
        ParseScan((string?)items[1] ?? "", labels, policies);
        return next;
    }

    private static void ParseScan(ReadOnlySpan<char> packed, List<(ulong Number, LabelInfo Label)> labels, List<(ulong Subscriber, SubscriberPolicy Policy)> policies)
    {
        Span<Range> parts = stackalloc Range[8];
        foreach (var range in packed.Split('\n'))
        {
            var line = packed[range];
            var count = line.Split(parts, '|');
            if (count < 2 || line[parts[0]].Length != 1
                || !ulong.TryParse(line[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var subject))
            {
                continue;
            }

            if (line[0] == 'L' && count is 6 or 7
                && LabelNames.TryParse(line[parts[2]], out LabelCategory category)
                && LabelNames.TryParse(line[parts[3]], out LabelSource source)
                && LabelNames.TryParse(line[parts[4]], out LabelAction action)
                && long.TryParse(line[parts[5]], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && ChangeEntry.TryParseFrom(line, parts, count, 6, out var from))
            {
                labels.Add((subject, new LabelInfo(category, source, action, expires, from)));
            }
            else if (line[0] == 'P' && count == 4)
            {
                policies.Add((subject, new SubscriberPolicy(line[parts[2]] is "1", line[parts[3]] is "1")));
            }
        }
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
