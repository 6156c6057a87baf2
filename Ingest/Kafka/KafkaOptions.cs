namespace FraudStream.Ingest.Kafka;

/// <summary>How FraudStream reaches Kafka. Bound from the <c>Kafka</c> configuration section.</summary>
public sealed partial class KafkaOptions
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
    /// How long the consumer's poll loop may go without polling before librdkafka leaves the group (Kafka's
    /// default, 5 min). FraudStream's poll loop never waits for scoring (slow batches pause their partitions
    /// instead), so this bounds a hung poll loop, not slow scoring. At least <see cref="SessionTimeoutMs"/>.
    /// </summary>
    public int MaxPollIntervalMs { get; set; } = 300_000;

    /// <summary>
    /// Read-process-write in Kafka transactions: each stage's outputs (alerts, decisions, re-keyed records, dead
    /// letters) and its input offsets commit together, so a reader with <c>isolation.level=read_committed</c>
    /// sees every output exactly once. Off: at-least-once (offsets stored after the outputs are acknowledged).
    /// </summary>
    public bool ExactlyOnce { get; set; }

    /// <summary>
    /// A stable name for this instance (e.g. the pod name), used in transactional ids. With it, a restarted
    /// instance fences its predecessor and aborts that one's open transaction at once; without it (a random id
    /// per start) readers of the outputs wait up to <see cref="TransactionTimeoutMs"/> after a crash.
    /// </summary>
    public string InstanceId { get; set; } = "";

    /// <summary>How long a transaction may stay open before the broker aborts it (exactly-once mode).</summary>
    public int TransactionTimeoutMs { get; set; } = 10_000;

    /// <summary>How often each stage commits its transaction (exactly-once mode): the outputs' extra latency.</summary>
    public int TransactionIntervalMs { get; set; } = 100;

    /// <summary>The transactional id of one stage of this instance.</summary>
    public string TransactionalId(string stage)
        => $"{GroupId}.{stage}.{(InstanceId.Length > 0 ? InstanceId : s_randomInstance)}";

    private static readonly string s_randomInstance = Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// How long a fetch may wait at the broker for data (librdkafka <c>fetch.wait.max.ms</c>, default 500). A real
    /// broker answers as soon as data arrives, so the default costs nothing there. The embedded (mock) cluster
    /// holds an empty fetch for this whole time even when records arrive meanwhile, so latency measured on it
    /// (<c>fraudstream bench</c>) lowers it to a few milliseconds.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 500;

    /// <summary>
    /// How long the producers (alerts, decisions, re-keyed records, dead letters) wait to fill a record batch
    /// (librdkafka <c>linger.ms</c>, default here 5). Every alert waits up to this long before it leaves; 0 sends
    /// at once in more, smaller batches (lower latency, more broker work per record).
    /// </summary>
    public int LingerMs { get; set; } = 5;

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
        if (MaxPollIntervalMs < SessionTimeoutMs || MaxPollIntervalMs > 86_400_000)
            return $"Kafka:MaxPollIntervalMs is {MaxPollIntervalMs}, expected Kafka:SessionTimeoutMs ({SessionTimeoutMs}) to 86400000";
        if (FetchWaitMaxMs is < 1 or > 300_000)
            return $"Kafka:FetchWaitMaxMs is {FetchWaitMaxMs}, expected 1 to 300000";
        if (LingerMs is < 0 or > 900_000)
            return $"Kafka:LingerMs is {LingerMs}, expected 0 to 900000";
        if (string.IsNullOrWhiteSpace(ClientId))
            return "Kafka:ClientId is empty";
        if (string.IsNullOrWhiteSpace(GroupId))
            return "Kafka:GroupId is empty";
        if (TransactionTimeoutMs is < 1000 or > 900_000)
            return $"Kafka:TransactionTimeoutMs is {TransactionTimeoutMs}, expected 1000 to 900000";
        if (TransactionIntervalMs < 1 || TransactionIntervalMs >= TransactionTimeoutMs)
            return $"Kafka:TransactionIntervalMs is {TransactionIntervalMs}, expected 1 to less than Kafka:TransactionTimeoutMs ({TransactionTimeoutMs})";
        return KafkaSecurity.Validate(this);
    }
}
