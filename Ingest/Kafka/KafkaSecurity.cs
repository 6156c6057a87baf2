using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// Checks the security settings of <see cref="KafkaOptions"/> and applies them to a librdkafka client
/// configuration. Only what the protocol uses is applied: SASL settings with <c>sasl_*</c>, TLS settings with
/// <c>ssl</c> and <c>sasl_ssl</c>; the checks refuse any other combination, so a setting is never silently ignored.
/// </summary>
public static class KafkaSecurity
{
    public const string Plaintext = "plaintext";

    private static readonly (string Name, SecurityProtocol Value)[] s_protocols =
    [
        (Plaintext, Confluent.Kafka.SecurityProtocol.Plaintext),
        ("ssl", Confluent.Kafka.SecurityProtocol.Ssl),
        ("sasl_plaintext", Confluent.Kafka.SecurityProtocol.SaslPlaintext),
        ("sasl_ssl", Confluent.Kafka.SecurityProtocol.SaslSsl),
    ];

    private static readonly (string Name, SaslMechanism Value)[] s_mechanisms =
    [
        ("PLAIN", Confluent.Kafka.SaslMechanism.Plain),
        ("SCRAM-SHA-256", Confluent.Kafka.SaslMechanism.ScramSha256),
        ("SCRAM-SHA-512", Confluent.Kafka.SaslMechanism.ScramSha512),
    ];

    private static readonly (string Name, SslEndpointIdentificationAlgorithm Value)[] s_endpointChecks =
    [
        ("https", Confluent.Kafka.SslEndpointIdentificationAlgorithm.Https),
        ("none", Confluent.Kafka.SslEndpointIdentificationAlgorithm.None),
    ];

    /// <summary>Returns a one-line description of what is wrong, or null when the settings are usable.</summary>
    public static string? Validate(KafkaOptions options)
    {
        if (!TryProtocol(options, out var protocol))
            return $"Kafka:SecurityProtocol is '{options.SecurityProtocol}', expected one of {Names(s_protocols)}";

        var protocolName = Name(s_protocols, protocol);
        return (UsesSasl(protocol) ? ValidateSasl(options, protocolName) : RefuseSasl(options, protocolName))
            ?? (UsesTls(protocol) ? ValidateTls(options) : RefuseTls(options, protocolName));
    }

    /// <summary>Applies the security settings of <paramref name="options"/> to <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The settings do not pass <see cref="Validate"/>.</exception>
    public static void Apply(ClientConfig config, KafkaOptions options)
    {
        if (Validate(options) is { } problem)
            throw new ArgumentException(problem, nameof(options));

        TryProtocol(options, out var protocol);
        config.SecurityProtocol = protocol;
        if (UsesSasl(protocol))
        {
            TryFind(s_mechanisms, options.SaslMechanism, out var mechanism);
            config.SaslMechanism = mechanism;
            config.SaslUsername = options.SaslUsername;
            config.SaslPassword = options.SaslPassword;
        }

        if (UsesTls(protocol))
        {
            if (options.SslCaLocation.Length > 0)
                config.SslCaLocation = options.SslCaLocation;
            if (options.SslCertificateLocation.Length > 0)
                config.SslCertificateLocation = options.SslCertificateLocation;
            if (options.SslKeyLocation.Length > 0)
                config.SslKeyLocation = options.SslKeyLocation;
            if (options.SslKeyPassword.Length > 0)
                config.SslKeyPassword = options.SslKeyPassword;
            if (TryFind(s_endpointChecks, options.SslEndpointIdentificationAlgorithm, out var check))
                config.SslEndpointIdentificationAlgorithm = check;
        }
    }

    /// <summary>What a secret looks like in diagnostics: nothing when unset, <c>***</c> when set.</summary>
    public static string Mask(string secret) => secret.Length == 0 ? "" : "***";

    private static string? ValidateSasl(KafkaOptions options, string protocol)
    {
        if (!TryFind(s_mechanisms, options.SaslMechanism, out _))
        {
            return options.SaslMechanism.Length == 0
                ? $"Kafka:SaslMechanism is empty; Kafka:SecurityProtocol={protocol} needs one of {Names(s_mechanisms)}"
                : $"Kafka:SaslMechanism is '{options.SaslMechanism}', expected one of {Names(s_mechanisms)}";
        }

        if (string.IsNullOrWhiteSpace(options.SaslUsername))
            return $"Kafka:SaslUsername is empty; Kafka:SecurityProtocol={protocol} needs Kafka:SaslUsername and Kafka:SaslPassword";
        if (options.SaslPassword.Length == 0)
            return $"Kafka:SaslPassword is empty; Kafka:SecurityProtocol={protocol} needs it (give it in the environment: FRAUDSTREAM__Kafka__SaslPassword)";
        return null;
    }

    private static string? RefuseSasl(KafkaOptions options, string protocol)
    {
        var given = options.SaslMechanism.Length > 0 ? "SaslMechanism"
            : options.SaslUsername.Length > 0 ? "SaslUsername"
            : options.SaslPassword.Length > 0 ? "SaslPassword"
            : null;
        return given is null ? null : $"Kafka:{given} is set but Kafka:SecurityProtocol is {protocol}; SASL needs sasl_plaintext or sasl_ssl";
    }

    private static string? ValidateTls(KafkaOptions options)
    {
        var check = options.SslEndpointIdentificationAlgorithm;
        if (check.Length > 0 && !TryFind(s_endpointChecks, check, out _))
            return $"Kafka:SslEndpointIdentificationAlgorithm is '{check}', expected one of {Names(s_endpointChecks)}";

        // librdkafka also accepts a directory of CA certificates, and "probe" for the system's usual places.
        var ca = options.SslCaLocation;
        if (ca.Length > 0 && ca != "probe" && !File.Exists(ca) && !Directory.Exists(ca))
            return $"Kafka:SslCaLocation: no such file or directory '{ca}'";

        if ((options.SslCertificateLocation.Length > 0) != (options.SslKeyLocation.Length > 0))
            return "Kafka:SslCertificateLocation and Kafka:SslKeyLocation go together: a client certificate needs its private key";
        if (options.SslCertificateLocation.Length > 0 && !File.Exists(options.SslCertificateLocation))
            return $"Kafka:SslCertificateLocation: no such file '{options.SslCertificateLocation}'";
        if (options.SslKeyLocation.Length > 0 && !File.Exists(options.SslKeyLocation))
            return $"Kafka:SslKeyLocation: no such file '{options.SslKeyLocation}'";
        if (options.SslKeyPassword.Length > 0 && options.SslKeyLocation.Length == 0)
            return "Kafka:SslKeyPassword is set without Kafka:SslKeyLocation";
        return null;
    }

    private static string? RefuseTls(KafkaOptions options, string protocol)
    {
        var given = options.SslCaLocation.Length > 0 ? "SslCaLocation"
            : options.SslCertificateLocation.Length > 0 ? "SslCertificateLocation"
            : options.SslKeyLocation.Length > 0 ? "SslKeyLocation"
            : options.SslKeyPassword.Length > 0 ? "SslKeyPassword"
            : options.SslEndpointIdentificationAlgorithm.Length > 0 ? "SslEndpointIdentificationAlgorithm"
            : null;
        return given is null ? null : $"Kafka:{given} is set but Kafka:SecurityProtocol is {protocol}; TLS needs ssl or sasl_ssl";
    }

    // Unset (an empty environment variable) is the default, plaintext.
    private static bool TryProtocol(KafkaOptions options, out SecurityProtocol protocol)
    {
        if (!string.IsNullOrWhiteSpace(options.SecurityProtocol))
            return TryFind(s_protocols, options.SecurityProtocol, out protocol);
        protocol = Confluent.Kafka.SecurityProtocol.Plaintext;
        return true;
    }

    private static bool UsesSasl(SecurityProtocol protocol)
        => protocol is Confluent.Kafka.SecurityProtocol.SaslPlaintext or Confluent.Kafka.SecurityProtocol.SaslSsl;

    private static bool UsesTls(SecurityProtocol protocol)
        => protocol is Confluent.Kafka.SecurityProtocol.Ssl or Confluent.Kafka.SecurityProtocol.SaslSsl;

    // Case-insensitive, so SASL_SSL (Java's spelling) and scram-sha-256 work too.
    private static bool TryFind<T>((string Name, T Value)[] table, string name, out T value)
    {
        foreach (var (candidate, v) in table)
        {
            if (string.Equals(candidate, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default!;
        return false;
    }

    private static string Name<T>((string Name, T Value)[] table, T value)
        => Array.Find(table, e => EqualityComparer<T>.Default.Equals(e.Value, value)).Name;

    private static string Names<T>((string Name, T Value)[] table)
        => string.Join(", ", table.Select(e => e.Name));
}
