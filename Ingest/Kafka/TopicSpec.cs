using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FraudStream.Ingest.Kafka;

/// <summary>A topic to create: <c>name:partitions</c> on the command line.</summary>
public readonly record struct TopicSpec(string Name, int Partitions)
{
    private const int MaxPartitions = 1024;

    /// <summary>Parses <c>name</c> or <c>name:partitions</c>; a bare name gets <paramref name="defaultPartitions"/>.</summary>
    public static bool TryParse(string text, int defaultPartitions, [NotNullWhen(true)] out TopicSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var colon = text.LastIndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        var partitions = defaultPartitions;

        if (!IsLegalName(name))
        {
            error = $"'{text}' is not a topic: a name is 1-249 characters of letters, digits, '.', '_' and '-'";
            return false;
        }

        if (colon >= 0
            && (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out partitions)
                || partitions < 1 || partitions > MaxPartitions))
        {
            error = $"'{text}' has a bad partition count: expected name:N with N from 1 to {MaxPartitions}";
            return false;
        }

        spec = new TopicSpec(name, partitions);
        error = null;
        return true;
    }

    // Kafka's own rule (org.apache.kafka.common.internals.Topic): [a-zA-Z0-9._-]{1,249}, not "." or "..".
    private static bool IsLegalName(string name)
    {
        if (name.Length is 0 or > 249 || name is "." or "..")
            return false;

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                return false;
        }

        return true;
    }
}
