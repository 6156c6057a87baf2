using FraudStream.Scoring.Blocklist;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// The label replica's options with the breaker scaled down as in the test suite (SlowRedisFaultTests): a resync a
/// second, 300 ms per call, a breaker judging the last 2 s and open for 1 s. With the defaults (5 s, 2 s, 10 s, 5 s)
/// Redis must stall for tens of seconds before the breaker acts; the scaled values show the same cycle in seconds.
/// </summary>
internal static class ScaledBreaker
{
    public static BlocklistOptions Of(BlocklistOptions o) => new()
    {
        KeyPrefix = o.KeyPrefix,
        ChangeLogLength = o.ChangeLogLength,
        AuditLength = o.AuditLength,
        NumberAuditLength = o.NumberAuditLength,
        LoadBatchSize = o.LoadBatchSize,
        RetryAttempts = o.RetryAttempts,
        SweepExpired = o.SweepExpired,
        ResyncInterval = TimeSpan.FromSeconds(1),
        OperationTimeout = TimeSpan.FromMilliseconds(300),
        CircuitSamplingDuration = TimeSpan.FromSeconds(2),
        CircuitBreakDuration = TimeSpan.FromSeconds(1),
    };
}
