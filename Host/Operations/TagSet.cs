using System.Globalization;
using System.Text;

namespace FraudStream.Host.Operations;

/// <summary>
/// One combination of tags of an instrument, order-insensitive, with its Prometheus label text
/// (<c>kind="sim_box",stage="ingest"</c>) rendered once when the combination is first seen.
/// </summary>
internal sealed class TagSet
{
    public static readonly TagSet Empty = new([], 0, "");

    private readonly KeyValuePair<string, object?>[] _tags;

    private TagSet(KeyValuePair<string, object?>[] tags, int hash, string labels)
    {
        _tags = tags;
        Hash = hash;
        Labels = labels;
    }

    /// <summary>Order-insensitive hash of the tags, equal to <see cref="HashOf"/> of any ordering of them.</summary>
    public int Hash { get; }

    /// <summary>The label pairs without braces, sorted by label name, values escaped; <c>""</c> when there are no tags.</summary>
    public string Labels { get; }

    /// <summary>Copies <paramref name="tags"/>; a key given twice keeps its last value.</summary>
    public static TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
            return Empty;

        var unique = new Dictionary<string, object?>(tags.Length, StringComparer.Ordinal);
        foreach (var tag in tags)
            unique[tag.Key] = tag.Value;
        var copy = unique.ToArray();
        Array.Sort(copy, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new TagSet(copy, HashOf(copy), RenderLabels(copy));
    }

    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var tag in tags)
            hash = unchecked(hash + HashCode.Combine(tag.Key, tag.Value));
        return hash;
    }

    /// <summary>Whether <paramref name="tags"/>, in any order, are exactly this set. Allocates nothing.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
            return false;

        // A key repeated in `tags` must not match two different keys here: remember which were matched.
        var matched = 0UL;
        for (var i = 0; i < tags.Length; i++)
        {
            var index = IndexOf(tags[i].Key);
            if (index < 0 || (index < 64 && (matched & (1UL << index)) != 0) || !Equals(tags[i].Value, _tags[index].Value))
                return false;
            if (index < 64)
                matched |= 1UL << index;
        }

        return true;
    }

    public bool Matches(TagSet other) => Hash == other.Hash && Matches(other._tags);

    private int IndexOf(string key)
    {
        for (var i = 0; i < _tags.Length; i++)
        {
            if (string.Equals(_tags[i].Key, key, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }

    // Keys that become the same label name (a.b and a_b) share one label, values joined by ';' in key order.
    private static string RenderLabels(KeyValuePair<string, object?>[] tags)
    {
        var labels = new List<(string Name, string Key, string Value)>(tags.Length);
        foreach (var tag in tags)
            labels.Add((PrometheusNames.Label(tag.Key), tag.Key, FormatValue(tag.Value)));
        labels.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Key, b.Key));

        var text = new StringBuilder();
        for (var i = 0; i < labels.Count; i++)
        {
            var (name, _, value) = labels[i];
            if (i > 0 && labels[i - 1].Name == name)
            {
                text.Length--; // reopen the previous value: drop its closing quote
                text.Append(';');
            }
            else
            {
                if (text.Length > 0)
                    text.Append(',');
                text.Append(name).Append("=\"");
            }

            PrometheusText.AppendEscapedLabelValue(text, value);
            text.Append('"');
        }

        return text.ToString();
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
