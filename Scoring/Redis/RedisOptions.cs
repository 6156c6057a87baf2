namespace FraudStream.Scoring.Redis;

/// <summary>How FraudStream reaches Redis. Bound from the <c>Redis</c> configuration section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379,password=…</c>. Empty means "start a private redis-server" where a command allows it.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>How long the first connection attempt may take before the service reports Redis unreachable.</summary>
    public int ConnectTimeoutMs { get; set; } = 2000;

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (ConnectTimeoutMs is < 100 or > 60_000)
            return $"Redis:ConnectTimeoutMs is {ConnectTimeoutMs}, expected 100 to 60000";

        if (Configuration.Length > 0)
        {
            try
            {
                _ = StackExchange.Redis.ConfigurationOptions.Parse(Configuration);
            }
            catch (ArgumentException e)
            {
                return $"Redis:Configuration is not a StackExchange.Redis configuration string: {e.Message}";
            }
        }

        return null;
    }
}
