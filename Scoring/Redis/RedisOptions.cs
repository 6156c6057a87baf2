using StackExchange.Redis;

namespace FraudStream.Scoring.Redis;

/// <summary>How FraudStream reaches Redis. Bound from the <c>Redis</c> configuration section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis1:6380,ssl=true,sslHost=redis1</c>
    /// for TLS. Empty means "start a private redis-server" where a command allows it. It may carry
    /// <c>password=…</c>, but <see cref="Password"/> keeps the secret out of the string.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>
    /// Redis's password (<c>requirepass</c> / AUTH), kept apart from <see cref="Configuration"/> so that it can come
    /// from the environment (<c>FRAUDSTREAM__Redis__Password</c>); when set it wins over a <c>password=</c> in the string.
    /// </summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// With <c>ssl=true</c> in <see cref="Configuration"/>: a PEM file of the CA certificate(s) that signed Redis's
    /// certificate, trusted instead of the system's CAs (a private CA). Empty uses the system's CAs.
    /// </summary>
    public string SslCaLocation { get; set; } = "";

    /// <summary>How long the first connection attempt may take before the service reports Redis unreachable.</summary>
    public int ConnectTimeoutMs { get; set; } = 2000;

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (ConnectTimeoutMs is < 100 or > 60_000)
            return $"Redis:ConnectTimeoutMs is {ConnectTimeoutMs}, expected 100 to 60000";

        var ssl = false;
        if (Configuration.Length > 0)
        {
            try
            {
                ssl = ConfigurationOptions.Parse(Configuration).Ssl;
            }
            catch (ArgumentException e)
            {
                return $"Redis:Configuration is not a StackExchange.Redis configuration string: {e.Message}";
            }
        }

        if (SslCaLocation.Length == 0)
            return null;
        if (!File.Exists(SslCaLocation))
            return $"Redis:SslCaLocation: no such file '{SslCaLocation}'";
        if (Configuration.Length > 0 && !ssl)
            return "Redis:SslCaLocation is set but Redis:Configuration has no ssl=true";
        try
        {
            foreach (var certificate in RedisTls.Load(SslCaLocation))
                certificate.Dispose();
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }

        return null;
    }

    /// <summary>The parsed configuration with <see cref="Password"/> and <see cref="SslCaLocation"/> applied.</summary>
    public ConfigurationOptions Parse()
    {
        var config = ConfigurationOptions.Parse(Configuration);
        if (Password.Length > 0)
            config.Password = Password;
        if (SslCaLocation.Length > 0 && config.Ssl)
            RedisTls.TrustOnly(config, SslCaLocation);
        return config;
    }

    /// <summary>
    /// Where Redis is, for messages: the endpoints, and <c>(TLS)</c> when the connection is encrypted; never the
    /// password or anything else of the configuration string.
    /// </summary>
    public string Describe()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
            return "(no Redis configured)";
        try
        {
            var config = ConfigurationOptions.Parse(Configuration);
            var endPoints = string.Join(",", config.EndPoints.Select(Format));
            return config.Ssl ? endPoints + " (TLS)" : endPoints;
        }
        catch (ArgumentException)
        {
            return "(unparseable Redis:Configuration)";
        }
    }

    /// <summary>The settings without their secrets, for logs and diagnostics.</summary>
    public override string ToString()
        => $"Redis {{ EndPoints = {Describe()}, Password = {(Password.Length > 0 || HasPasswordInConfiguration() ? "***" : "")}, ConnectTimeoutMs = {ConnectTimeoutMs} }}";

    private bool HasPasswordInConfiguration()
    {
        try
        {
            return !string.IsNullOrEmpty(ConfigurationOptions.Parse(Configuration).Password);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Format(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "",
    };
}
