namespace FraudStream.Ingest.Kafka;

/// <summary>How FraudStream reaches Kafka. Bound from the <c>Kafka</c> configuration section.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Comma-separated <c>host:port</c> list. Empty means "start the embedded cluster" where a command allows it.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Sent to the brokers to name this process in their logs and quotas.</summary>
    public string ClientId { get; set; } = "fraudstream";

    /// <summary>Consumer group of the scoring pipeline; instances with the same group share the partitions.</summary>
    public string GroupId { get; set; } = "fraudstream";

    /// <summary>
    /// How long the group waits for a silent member before moving its partitions. Kafka's default (45 s) is
    /// right for production; the embedded cluster's tests and demo lower it, because the mock cluster also
    /// waits this long before it completes a rebalance after a member leaves.
    /// </summary>
    public int SessionTimeoutMs { get; set; } = 45_000;

    /// <summary>
    /// How long a fetch may wait at the broker for data (librdkafka <c>fetch.wait.max.ms</c>, default 500). A real
    /// broker answers as soon as data arrives, so the default costs nothing there. The embedded (mock) cluster
    /// holds an empty fetch for this whole time even when records arrive meanwhile, so latency measured on it
    /// (<c>fraudstream bench</c>) lowers it to a few milliseconds.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 500;

    /// <summary>A copy of these options for another consumer group (e.g. a pipeline's second stage).</summary>
    public KafkaOptions WithGroup(string groupId)
    {
        var copy = (KafkaOptions)MemberwiseClone();
        copy.GroupId = groupId;
        return copy;
    }

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate(bool bootstrapRequired)
    {
        if (bootstrapRequired && string.IsNullOrWhiteSpace(BootstrapServers))
            return "Kafka:BootstrapServers is empty: pass --bootstrap host:port[,host:port]";

        foreach (var server in BootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
                return $"Kafka:BootstrapServers has '{server}', expected host:port";
        }

        if (SessionTimeoutMs is < 1000 or > 300_000)
            return $"Kafka:SessionTimeoutMs is {SessionTimeoutMs}, expected 1000 to 300000";
        if (FetchWaitMaxMs is < 1 or > 300_000)
            return $"Kafka:FetchWaitMaxMs is {FetchWaitMaxMs}, expected 1 to 300000";
        if (string.IsNullOrWhiteSpace(ClientId))
            return "Kafka:ClientId is empty";
        if (string.IsNullOrWhiteSpace(GroupId))
            return "Kafka:GroupId is empty";
        return null;
    }
}
