using FraudStream.Ingest.Kafka;

namespace FraudStream.Host.Commands;

/// <summary>The embedded cluster that <c>fraudstream broker</c> runs. Bound from the <c>Broker</c> section.</summary>
internal sealed class BrokerOptions
{
    public const string Section = "Broker";
    private const int DefaultPartitions = 6;

    /// <summary>Number of mock brokers, 1 to 16.</summary>
    public int Brokers { get; set; } = 3;

    /// <summary>Comma-separated <c>name:partitions</c> list of topics created at start.</summary>
    public string Topics { get; set; } = "";

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (Brokers is < 1 or > 16)
            return $"Broker:Brokers is {Brokers}, expected 1 to 16";
        return ParseTopics(Topics, out _);
    }

    /// <summary>Parses a comma-separated topic list; returns the first problem or null.</summary>
    public static string? ParseTopics(string text, out List<TopicSpec> topics)
    {
        topics = [];
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TopicSpec.TryParse(item, DefaultPartitions, out var spec, out var error))
                return error;
            topics.Add(spec.Value);
        }

        return null;
    }

    /// <summary>The configured topics with <paramref name="overrides"/> added; an override of the same name wins.</summary>
    public List<TopicSpec> TopicsWith(IEnumerable<TopicSpec> overrides)
    {
        ParseTopics(Topics, out var topics);
        foreach (var extra in overrides)
        {
            topics.RemoveAll(t => t.Name == extra.Name);
            topics.Add(extra);
        }

        return topics;
    }
}
