using Microsoft.Extensions.Configuration;

namespace FraudStream.Host.Hosting;

/// <summary>
/// The secrets of the process's configuration, and their removal from text: the last line of defence behind
/// messages that are written not to contain them (options' <c>ToString</c>, <c>RedisOptions.Describe</c>). Every
/// command registers its configuration's secrets when it starts; the process's stdout and stderr, where logs go
/// too, pass through <see cref="RedactingTextWriter"/>.
/// </summary>
internal static class SecretRedaction
{
    public const string Mask = "***";

    /// <summary>Shorter values are not redacted: masking every "abc" would garble output and hide nothing worth hiding.</summary>
    public const int MinLength = 4;

    /// <summary>The configuration keys that hold secrets (besides <c>password=</c> inside <c>Redis:Configuration</c>).</summary>
    public static readonly string[] Keys = ["Kafka:SaslPassword", "Kafka:SslKeyPassword", "Redis:Password", "Alerts:Pseudonymise:Key", "Operations:AnalystToken"];

    private static readonly Lock s_gate = new();
    private static volatile string[] s_secrets = [];

    public static bool Any => s_secrets.Length > 0;

    /// <summary>Registers the secrets <paramref name="configuration"/> holds.</summary>
    public static void Register(IConfiguration configuration)
    {
        foreach (var key in Keys)
            Add(configuration[key]);

        if (configuration["Redis:Configuration"] is { Length: > 0 } redis)
        {
            try
            {
                Add(StackExchange.Redis.ConfigurationOptions.Parse(redis).Password);
            }
            catch (ArgumentException)
            {
                // Not parseable: RedisOptions' validation says so, without the string.
            }
        }
    }

    public static void Add(string? secret)
    {
        if (secret is null || secret.Length < MinLength)
            return;
        lock (s_gate)
        {
            if (Array.IndexOf(s_secrets, secret) < 0)
                s_secrets = [.. s_secrets, secret];
        }
    }

    /// <summary><paramref name="text"/> with every registered secret replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        var secrets = s_secrets;
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
