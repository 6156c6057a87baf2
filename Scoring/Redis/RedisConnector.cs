using StackExchange.Redis;

namespace FraudStream.Scoring.Redis;

/// <summary>Opens the one <see cref="ConnectionMultiplexer"/> a process shares.</summary>
public static class RedisConnector
{
    /// <summary>
    /// Connects without aborting when Redis is down (<c>abortConnect=false</c>): the multiplexer keeps
    /// reconnecting in the background, and callers decide whether an unconnected start is fatal or degraded.
    /// </summary>
    public static ConnectionMultiplexer Connect(RedisOptions options, TextWriter? log = null)
    {
        var config = ConfigurationOptions.Parse(options.Configuration);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = options.ConnectTimeoutMs;
        config.ClientName ??= "fraudstream";
        return ConnectionMultiplexer.Connect(config, log);
    }
}
