using System.Globalization;

namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// One change-log entry as the replica applies it, parsed from the sorted-set member (or the pub/sub notice)
/// <c>version|kind|subject|…</c>; see <see cref="BlocklistScripts"/> for the exact shapes.
/// </summary>
internal readonly record struct ChangeEntry(long Version, ChangeKind Kind, ulong Subject, LabelInfo Label, SubscriberPolicy Policy, PrefixRule Rule)
{
    public static bool TryParse(ReadOnlySpan<char> text, out ChangeEntry entry)
    {
        entry = default;
        Span<Range> parts = stackalloc Range[9];
        var count = text.Split(parts, '|');
        if (count < 3 || text[parts[1]].Length != 1
            || !long.TryParse(text[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !ulong.TryParse(text[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var subject))
        {
            return false;
        }

        switch (text[parts[1]][0])
        {
            // Seven fields, or eight with the event time the label acts after (auto labels since it exists).
            case 'L' when count is 7 or 8
                && LabelNames.TryParse(text[parts[3]], out LabelCategory category)
                && LabelNames.TryParse(text[parts[4]], out LabelSource source)
                && LabelNames.TryParse(text[parts[5]], out LabelAction action)
                && long.TryParse(text[parts[6]], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && TryParseFrom(text, parts, count, 7, out var from):
                entry = new(version, ChangeKind.LabelSet, subject, new LabelInfo(category, source, action, expires, from), default, default);
                return true;
            case 'R' when count == 3:
                entry = new(version, ChangeKind.LabelRemoved, subject, default, default, default);
                return true;
            case 'P' when count == 5:
                entry = new(version, ChangeKind.PolicySet, subject, default, new SubscriberPolicy(text[parts[3]] is "1", text[parts[4]] is "1"), default);
                return true;
            case 'X' when count == 5
                && PrefixRule.TryParseDigits(text[parts[2]], out var prefix, out var length)
                && LabelNames.TryParse(text[parts[3]], out LabelAction ruleAction)
                && LabelNames.TryParse(text[parts[4]], out LabelCategory ruleCategory):
                entry = new(version, ChangeKind.PrefixSet, subject, default, default, new PrefixRule(prefix, length, ruleAction, ruleCategory));
                return true;
            case 'Y' when count == 3 && PrefixRule.TryParseDigits(text[parts[2]], out var removed, out var removedLength):
                entry = new(version, ChangeKind.PrefixRemoved, subject, default, default, new PrefixRule(removed, removedLength, default, default));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The optional <c>from</c> field at <paramref name="index"/>: 0 when absent.</summary>
    internal static bool TryParseFrom(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, int count, int index, out long from)
    {
        from = 0;
        return count <= index || long.TryParse(text[parts[index]], NumberStyles.None, CultureInfo.InvariantCulture, out from);
    }
}
