using System.Diagnostics;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.Tests.Shared;

namespace FraudStream.Ingest.Tests.Kafka;

/// <summary>
/// The security settings as librdkafka takes them: it loads the certificate files and decrypts the key with the
/// configured password when a client is created, and a TLS or SASL client that meets the embedded (plaintext
/// only) cluster fails within its timeout saying why, instead of hanging.
/// </summary>
[TestFixture]
public sealed class KafkaSecureClientTests
{
    private const string KeyPassword = "key-Pa55-41a7";
    private const string SaslPassword = "sasl-Pa55-0b9e";
    private TestCertificates _certificates = null!;
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _certificates = TestCertificates.Create(KeyPassword);
        _cluster = EmbeddedKafkaCluster.Start(1);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _cluster.Dispose();
        _certificates.Dispose();
    }

    [Test]
    public void Librdkafka_loads_the_ca_the_client_certificate_and_the_encrypted_key_with_its_password()
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(Tls(KeyPassword))).Build();

        Assert.That(producer.Name, Is.Not.Empty);
    }

    [Test]
    public void A_wrong_key_password_fails_when_the_client_is_created_without_showing_the_password()
    {
        var wrong = "wrong-" + KeyPassword;

        var e = Assert.Throws<InvalidOperationException>(() => new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(Tls(wrong))).Build());

        Assert.That(e!.Message, Does.Contain("ssl.key.location"));
        Assert.That(e.Message, Does.Not.Contain(wrong));
    }

    [TestCase("sasl_ssl", "SSL")]
    [TestCase("ssl", "SSL")]
    [TestCase("sasl_plaintext", "SASL")]
    public void A_secured_client_against_a_plaintext_cluster_fails_in_time_and_says_why(string protocol, string why)
    {
        var options = new KafkaOptions { BootstrapServers = _cluster.BootstrapServers, SecurityProtocol = protocol, SslCaLocation = protocol.EndsWith("ssl", StringComparison.Ordinal) ? _certificates.CaPath : "" };
        if (protocol.StartsWith("sasl", StringComparison.Ordinal))
            (options.SaslMechanism, options.SaslUsername, options.SaslPassword) = ("SCRAM-SHA-256", "fraudstream", SaslPassword);
        using var admin = KafkaAdmin.Connect(options);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(4)));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(e!.Error.Reason, Does.StartWith("Local: Broker transport failure (").And.Contain(why));
        Assert.That(e.Error.Reason, Does.Not.Contain(SaslPassword));
    }

    [Test]
    public void A_plaintext_admin_reaches_the_embedded_cluster()
    {
        using var admin = KafkaAdmin.Connect(new KafkaOptions { BootstrapServers = _cluster.BootstrapServers });

        Assert.That(admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers, Has.Count.EqualTo(1));
    }

    private KafkaOptions Tls(string keyPassword) => new()
    {
        BootstrapServers = "127.0.0.1:9",
        SecurityProtocol = "ssl",
        SslCaLocation = _certificates.CaPath,
        SslCertificateLocation = _certificates.CertificatePath,
        SslKeyLocation = _certificates.EncryptedKeyPath,
        SslKeyPassword = keyPassword,
    };
}
