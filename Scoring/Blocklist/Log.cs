using Microsoft.Extensions.Logging;

namespace FraudStream.Scoring.Blocklist;

/// <summary>Source-generated log messages of the blocklist replica, with stable event ids (2xxx = Scoring, 21xx = blocklist).</summary>
internal static partial class Log
{
    [LoggerMessage(2101, LogLevel.Information, "Blocklist loaded in full: {Labels} labels, {Policies} policies, {Prefixes} prefix rules at version {Version} in {Milliseconds} ms")]
    public static partial void FullLoad(ILogger logger, int labels, int policies, int prefixes, long version, long milliseconds);

    [LoggerMessage(2102, LogLevel.Information, "Blocklist reloads in full: {Why}")]
    public static partial void FullReloadNeeded(ILogger logger, string why);

    [LoggerMessage(2103, LogLevel.Warning, "Blocklist replica degraded, serving version {Version} from memory: {Reason}")]
    public static partial void Degraded(ILogger logger, long version, string reason);

    [LoggerMessage(2104, LogLevel.Information, "Blocklist replica back in sync with Redis at version {Version}")]
    public static partial void Recovered(ILogger logger, long version);

    [LoggerMessage(2105, LogLevel.Warning, "Blocklist change entry not understood, skipped: {Entry}")]
    public static partial void BadEntry(ILogger logger, string entry);

    [LoggerMessage(2106, LogLevel.Error, "Blocklist sync failed unexpectedly; retrying at the next resync")]
    public static partial void SyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(2107, LogLevel.Information, "Removed {Count} expired labels from Redis")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(2108, LogLevel.Warning, "Blocklist circuit opened for {Seconds} s: Redis calls fail fast and the replica serves its last state: {Reason}")]
    public static partial void CircuitOpened(ILogger logger, double seconds, string reason);

    [LoggerMessage(2109, LogLevel.Information, "Blocklist circuit closed: Redis answers again after {Milliseconds} ms")]
    public static partial void CircuitClosed(ILogger logger, long milliseconds);
}
