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
    public static ConnectionMultiplexer Connect(RedisOptions options, TextWriter? log = null)
    {
        var config = options.Parse();
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = options.ConnectTimeoutMs;
        config.ClientName ??= "fraudstream";
        return ConnectionMultiplexer.Connect(config, log);
    }
}
