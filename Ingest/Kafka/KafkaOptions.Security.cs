namespace FraudStream.Ingest.Kafka;

/// <summary>
/// How FraudStream authenticates to Kafka and encrypts the connection: librdkafka's <c>security.protocol</c>,
/// <c>sasl.*</c> and <c>ssl.*</c> settings, applied to every consumer, producer and admin client
/// (<see cref="KafkaClientConfigs"/>). Secrets are best given as environment variables
/// (<c>FRAUDSTREAM__Kafka__SaslPassword</c>) and never appear in <see cref="ToString"/>.
/// </summary>
public sealed partial class KafkaOptions
{
    /// <summary><c>plaintext</c> (default), <c>ssl</c>, <c>sasl_plaintext</c> or <c>sasl_ssl</c>.</summary>
    public string SecurityProtocol { get; set; } = KafkaSecurity.Plaintext;

    /// <summary>With a <c>sasl_*</c> protocol: <c>PLAIN</c>, <c>SCRAM-SHA-256</c> or <c>SCRAM-SHA-512</c>.</summary>
    public string SaslMechanism { get; set; } = "";

    /// <summary>With a <c>sasl_*</c> protocol: the user FraudStream authenticates as.</summary>
    public string SaslUsername { get; set; } = "";

    /// <summary>With a <c>sasl_*</c> protocol: the user's password. A secret: prefer <c>FRAUDSTREAM__Kafka__SaslPassword</c>.</summary>
    public string SaslPassword { get; set; } = "";

    /// <summary>With <c>ssl</c> or <c>sasl_ssl</c>: the CA certificate file (PEM) or directory the brokers' certificates are checked against; empty means the system's CAs.</summary>
    public string SslCaLocation { get; set; } = "";

    /// <summary>With <c>ssl</c> or <c>sasl_ssl</c> and brokers that require client certificates: this client's certificate (PEM).</summary>
    public string SslCertificateLocation { get; set; } = "";

    /// <summary>The private key (PEM) of <see cref="SslCertificateLocation"/>.</summary>
    public string SslKeyLocation { get; set; } = "";

    /// <summary>The password of an encrypted <see cref="SslKeyLocation"/>. A secret: prefer <c>FRAUDSTREAM__Kafka__SslKeyPassword</c>.</summary>
    public string SslKeyPassword { get; set; } = "";

    /// <summary><c>https</c> (check that the broker's certificate names its host; librdkafka's default) or <c>none</c>; empty keeps the default.</summary>
    public string SslEndpointIdentificationAlgorithm { get; set; } = "";

    /// <summary>The settings without their secrets, for logs and diagnostics.</summary>
    public override string ToString()
        => $"Kafka {{ BootstrapServers = {BootstrapServers}, ClientId = {ClientId}, GroupId = {GroupId}, SecurityProtocol = {SecurityProtocol}, "
           + $"SaslMechanism = {SaslMechanism}, SaslUsername = {SaslUsername}, SaslPassword = {KafkaSecurity.Mask(SaslPassword)}, "
           + $"SslCaLocation = {SslCaLocation}, SslCertificateLocation = {SslCertificateLocation}, SslKeyLocation = {SslKeyLocation}, "
           + $"SslKeyPassword = {KafkaSecurity.Mask(SslKeyPassword)} }}";
}
