namespace FraudStream.Scoring.Blocklist;

/// <summary>Where labels live in Redis and how the replica keeps up. Bound from the <c>Blocklist</c> section.</summary>
public sealed class BlocklistOptions
{
    public const string Section = "Blocklist";

    /// <summary>Prefix of every key and of the change channel (see Scoring/Blocklist/README.md).</summary>
    public string KeyPrefix { get; set; } = "fraudstream:bl:";

    /// <summary>How often the replica compares versions with Redis even without change notices.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Change-log entries kept; a replica further behind than this reloads in full.</summary>
    public int ChangeLogLength { get; set; } = 100_000;

    /// <summary>Entries kept in the global audit trail.</summary>
    public int AuditLength { get; set; } = 1_000_000;

    /// <summary>Entries kept in each number's own audit trail.</summary>
    public int NumberAuditLength { get; set; } = 1_000;

    /// <summary>Keys examined per round trip of a full load (Redis SCAN COUNT).</summary>
    public int LoadBatchSize { get; set; } = 1_000;

    /// <summary>Upper bound on one Redis call made through the resilience pipeline.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries of a failed replica read before it counts as a failed sync.</summary>
    public int RetryAttempts { get; set; } = 2;

    /// <summary>How long the circuit stays open (calls fail fast, the replica serves its last state) after Redis kept failing.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The window the breaker judges Redis by: it opens when at least half of the replica's calls in this window failed
    /// or timed out, counting at least four calls or, with fewer than three retries, the attempts of one sync (three by
    /// default). Successful resyncs in the window dilute a new failure, so Redis must be
    /// failing for about this long before the circuit opens.
    /// </summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the replica removes expired labels from Redis (with audit entries) as part of each resync.</summary>
    public bool SweepExpired { get; set; } = true;

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix))
            return "Blocklist:KeyPrefix is empty";
        // The full load matches keys with SCAN MATCH <prefix>label:*, so the prefix must not be a glob pattern.
        if (KeyPrefix.AsSpan().IndexOfAny("*?[]\\ ") >= 0)
            return $"Blocklist:KeyPrefix '{KeyPrefix}' contains a space or a glob character (* ? [ ] \\)";
        if (ResyncInterval < TimeSpan.FromMilliseconds(50) || ResyncInterval > TimeSpan.FromHours(1))
            return $"Blocklist:ResyncInterval is {ResyncInterval}, expected 00:00:00.050 to 01:00:00";
        if (ChangeLogLength is < 1 or > 100_000_000)
            return $"Blocklist:ChangeLogLength is {ChangeLogLength}, expected 1 to 100000000";
        if (AuditLength is < 1 or > 100_000_000)
            return $"Blocklist:AuditLength is {AuditLength}, expected 1 to 100000000";
        if (NumberAuditLength is < 1 or > 1_000_000)
            return $"Blocklist:NumberAuditLength is {NumberAuditLength}, expected 1 to 1000000";
        if (LoadBatchSize is < 10 or > 100_000)
            return $"Blocklist:LoadBatchSize is {LoadBatchSize}, expected 10 to 100000";
        if (OperationTimeout < TimeSpan.FromMilliseconds(10) || OperationTimeout > TimeSpan.FromMinutes(5))
            return $"Blocklist:OperationTimeout is {OperationTimeout}, expected 00:00:00.010 to 00:05:00";
        if (RetryAttempts is < 0 or > 10)
            return $"Blocklist:RetryAttempts is {RetryAttempts}, expected 0 to 10";
        if (CircuitBreakDuration < TimeSpan.FromMilliseconds(500) || CircuitBreakDuration > TimeSpan.FromMinutes(10))
            return $"Blocklist:CircuitBreakDuration is {CircuitBreakDuration}, expected 00:00:00.500 to 00:10:00";
        if (CircuitSamplingDuration < TimeSpan.FromMilliseconds(500) || CircuitSamplingDuration > TimeSpan.FromMinutes(10))
            return $"Blocklist:CircuitSamplingDuration is {CircuitSamplingDuration}, expected 00:00:00.500 to 00:10:00";
        return null;
    }
}
