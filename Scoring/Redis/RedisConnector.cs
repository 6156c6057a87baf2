using StackExchange.Redis;

namespace FraudStream.Scoring.Redis;

/// <summary>Opens the one <see cref="ConnectionMultiplexer"/> a process shares.</summary>
public static class RedisConnector
{
    /// <summary>
    /// Connects without aborting when Redis is down (<c>abortConnect=false</c>): the multiplexer keeps
    /// reconnecting in the background, and callers decide whether an unconnected start is fatal or degraded.
    /// Never print the multiplexer's <c>Configuration</c>: StackExchange.Redis includes the password in it;
    /// <see cref="RedisOptions.Describe"/> says where Redis is without it.
    /// </summary>
    /// <remarks>
    /// Commands fail fast while the connection is down (<see cref="BacklogPolicy.FailFast"/>). StackExchange.Redis 3.x's
    /// default backlog would hold them until the connection returns or their timeout (5 s) passes: a replica call would
    /// wait out its whole <c>Blocklist:OperationTimeout</c> instead of failing in milliseconds, and a write the caller had
    /// already given up on (and perhaps retried) would still run once Redis is back, as a second change with a second
    /// audit entry.
    /// </remarks>
    public static ConnectionMultiplexer Connect(RedisOptions options, TextWriter? log = null)
    {
        var config = options.Parse();
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = options.ConnectTimeoutMs;
        config.ClientName ??= "fraudstream";
        return ConnectionMultiplexer.Connect(config, log);
    }
}
