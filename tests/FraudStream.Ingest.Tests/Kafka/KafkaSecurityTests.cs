using System.Reflection;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Tests.Kafka;

/// <summary>
/// The Kafka section's SASL and TLS settings reach every client FraudStream builds, and bad ones are refused
/// with one line that names the key (the host turns it into exit code 2).
/// </summary>
[TestFixture]
public sealed class KafkaSecurityTests
{
    private const string Password = "kafka-Pa55-6c1f0e";
    private const string KeyPassword = "key-Pa55-93d2ab";
    private string _directory = null!;
    private string _ca = null!;
    private string _certificate = null!;
    private string _key = null!;

    [SetUp]
    public void WriteFiles()
    {
        _directory = Directory.CreateTempSubdirectory("fraudstream-kafka-tls-").FullName;
        _ca = Touch("ca.pem");
        _certificate = Touch("client.pem");
        _key = Touch("client.key");
    }

    [TearDown]
    public void DeleteFiles() => Directory.Delete(_directory, recursive: true);

    // Every public factory of KafkaClientConfigs, found by reflection so that a factory added later is covered too.
    private static IEnumerable<MethodInfo> Factories()
        => typeof(KafkaClientConfigs).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => typeof(ClientConfig).IsAssignableFrom(m.ReturnType));

    [Test]
    public void Every_client_factory_carries_the_sasl_and_tls_settings()
    {
        var options = SaslSsl();
        var factories = Factories().ToList();

        Assert.That(factories.Select(f => f.Name), Is.SupersetOf(new[] { "Consumer", "Reader", "Producer", "Admin" }));
        foreach (var factory in factories)
        {
            var config = Build(factory, options);
            var what = $"{factory.Name}({string.Join(", ", factory.GetParameters().Select(p => p.ParameterType.Name))})";
            Assert.Multiple(() =>
            {
                Assert.That(config.SecurityProtocol, Is.EqualTo(SecurityProtocol.SaslSsl), what);
                Assert.That(config.Get("security.protocol"), Is.EqualTo("sasl_ssl"), what);
                Assert.That(config.Get("sasl.mechanism"), Is.EqualTo("SCRAM-SHA-512"), what);
                Assert.That(config.SaslUsername, Is.EqualTo("fraudstream"), what);
                Assert.That(config.SaslPassword, Is.EqualTo(Password), what);
                Assert.That(config.SslCaLocation, Is.EqualTo(_ca), what);
                Assert.That(config.SslCertificateLocation, Is.EqualTo(_certificate), what);
                Assert.That(config.SslKeyLocation, Is.EqualTo(_key), what);
                Assert.That(config.SslKeyPassword, Is.EqualTo(KeyPassword), what);
                Assert.That(config.SslEndpointIdentificationAlgorithm, Is.EqualTo(SslEndpointIdentificationAlgorithm.Https), what);
            });
        }
    }

    [Test]
    public void Default_options_give_plaintext_clients_without_sasl_or_tls_settings()
    {
        foreach (var factory in Factories())
        {
            var config = Build(factory, new KafkaOptions { BootstrapServers = "k1:9092" });

            Assert.That(config.SecurityProtocol, Is.EqualTo(SecurityProtocol.Plaintext), factory.Name);
            Assert.That(config.Where(p => p.Key.StartsWith("sasl.", StringComparison.Ordinal) || p.Key.StartsWith("ssl.", StringComparison.Ordinal)), Is.Empty, factory.Name);
        }
    }

    [Test]
    public void Sasl_plaintext_applies_sasl_but_no_tls_settings()
    {
        var options = new KafkaOptions { SecurityProtocol = "SASL_PLAINTEXT", SaslMechanism = "plain", SaslUsername = "u", SaslPassword = Password };

        var config = KafkaClientConfigs.Producer(options);

        Assert.That(config.SecurityProtocol, Is.EqualTo(SecurityProtocol.SaslPlaintext));
        Assert.That(config.SaslMechanism, Is.EqualTo(SaslMechanism.Plain));
        Assert.That(config.Where(p => p.Key.StartsWith("ssl.", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Ssl_alone_needs_no_sasl_and_may_turn_host_name_checks_off()
    {
        var options = new KafkaOptions { SecurityProtocol = "ssl", SslCaLocation = _ca, SslEndpointIdentificationAlgorithm = "none" };

        Assert.That(options.Validate(bootstrapRequired: false), Is.Null);
        var config = KafkaClientConfigs.Consumer(options);
        Assert.That(config.SecurityProtocol, Is.EqualTo(SecurityProtocol.Ssl));
        Assert.That(config.SslEndpointIdentificationAlgorithm, Is.EqualTo(SslEndpointIdentificationAlgorithm.None));
        Assert.That(config.Where(p => p.Key.StartsWith("sasl.", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase("SecurityProtocol=tls", "Kafka:SecurityProtocol is 'tls', expected one of plaintext, ssl, sasl_plaintext, sasl_ssl")]
    [TestCase("SecurityProtocol=sasl_ssl;SaslUsername=u;SaslPassword=p", "Kafka:SaslMechanism is empty; Kafka:SecurityProtocol=sasl_ssl needs one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512")]
    [TestCase("SecurityProtocol=sasl_ssl;SaslMechanism=GSSAPI;SaslUsername=u;SaslPassword=p", "Kafka:SaslMechanism is 'GSSAPI', expected one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512")]
    [TestCase("SecurityProtocol=sasl_plaintext;SaslMechanism=PLAIN;SaslPassword=p", "Kafka:SaslUsername is empty; Kafka:SecurityProtocol=sasl_plaintext needs Kafka:SaslUsername and Kafka:SaslPassword")]
    [TestCase("SecurityProtocol=sasl_ssl;SaslMechanism=PLAIN;SaslUsername=u", "Kafka:SaslPassword is empty; Kafka:SecurityProtocol=sasl_ssl needs it (give it in the environment: FRAUDSTREAM__Kafka__SaslPassword)")]
    [TestCase("SaslUsername=u", "Kafka:SaslUsername is set but Kafka:SecurityProtocol is plaintext; SASL needs sasl_plaintext or sasl_ssl")]
    [TestCase("SecurityProtocol=ssl;SaslPassword=p", "Kafka:SaslPassword is set but Kafka:SecurityProtocol is ssl")]
    [TestCase("SecurityProtocol=sasl_plaintext;SaslMechanism=PLAIN;SaslUsername=u;SaslPassword=p;SslCaLocation=CA", "Kafka:SslCaLocation is set but Kafka:SecurityProtocol is sasl_plaintext; TLS needs ssl or sasl_ssl")]
    [TestCase("SecurityProtocol=ssl;SslEndpointIdentificationAlgorithm=strict", "Kafka:SslEndpointIdentificationAlgorithm is 'strict', expected one of https, none")]
    [TestCase("SecurityProtocol=ssl;SslCaLocation=/nonexistent/ca.pem", "Kafka:SslCaLocation: no such file or directory '/nonexistent/ca.pem'")]
    [TestCase("SecurityProtocol=ssl;SslCertificateLocation=CERT", "Kafka:SslCertificateLocation and Kafka:SslKeyLocation go together")]
    [TestCase("SecurityProtocol=ssl;SslCertificateLocation=/nonexistent/c.pem;SslKeyLocation=KEY", "Kafka:SslCertificateLocation: no such file '/nonexistent/c.pem'")]
    [TestCase("SecurityProtocol=ssl;SslCertificateLocation=CERT;SslKeyLocation=/nonexistent/k.pem", "Kafka:SslKeyLocation: no such file '/nonexistent/k.pem'")]
    [TestCase("SecurityProtocol=ssl;SslKeyPassword=p", "Kafka:SslKeyPassword is set without Kafka:SslKeyLocation")]
    public void Validate_names_the_key_and_what_is_allowed(string settings, string expected)
    {
        var options = new KafkaOptions { BootstrapServers = "k1:9092" };
        foreach (var setting in settings.Split(';'))
        {
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            value = value.Replace("CA", _ca, StringComparison.Ordinal).Replace("CERT", _certificate, StringComparison.Ordinal).Replace("KEY", _key, StringComparison.Ordinal);
            typeof(KafkaOptions).GetProperty(key)!.SetValue(options, value);
        }

        var problem = options.Validate(bootstrapRequired: true);

        Assert.That(problem, Does.StartWith(expected));
        Assert.That(problem, Does.Not.Contain('\n'));
        Assert.That(() => KafkaClientConfigs.Producer(options), Throws.ArgumentException.With.Message.StartWith(expected));
    }

    [TestCase("SASL_SSL", "scram-sha-256")]
    [TestCase("sasl_ssl", "SCRAM-SHA-256")]
    public void Names_are_case_insensitive(string protocol, string mechanism)
    {
        var options = new KafkaOptions { SecurityProtocol = protocol, SaslMechanism = mechanism, SaslUsername = "u", SaslPassword = Password };

        Assert.That(options.Validate(bootstrapRequired: false), Is.Null);
        Assert.That(KafkaClientConfigs.Producer(options).SaslMechanism, Is.EqualTo(SaslMechanism.ScramSha256));
    }

    [Test]
    public void An_empty_protocol_is_plaintext()
    {
        Assert.That(new KafkaOptions { SecurityProtocol = "" }.Validate(bootstrapRequired: false), Is.Null);
        Assert.That(KafkaClientConfigs.Producer(new KafkaOptions { SecurityProtocol = " " }).SecurityProtocol, Is.EqualTo(SecurityProtocol.Plaintext));
    }

    [Test]
    public void ToString_masks_the_passwords_and_a_copy_for_another_group_keeps_the_settings()
    {
        var options = SaslSsl();

        var text = options.ToString();
        var copy = options.WithGroup("fraudstream.callee");

        Assert.That(text, Does.Not.Contain(Password).And.Not.Contain(KeyPassword));
        Assert.That(text, Does.Contain("SaslUsername = fraudstream").And.Contain("SaslPassword = ***").And.Contain("SslKeyPassword = ***"));
        Assert.That(KafkaClientConfigs.Consumer(copy).SaslPassword, Is.EqualTo(Password));
    }

    private KafkaOptions SaslSsl() => new()
    {
        BootstrapServers = "k1:9093,k2:9093",
        SecurityProtocol = "sasl_ssl",
        SaslMechanism = "SCRAM-SHA-512",
        SaslUsername = "fraudstream",
        SaslPassword = Password,
        SslCaLocation = _ca,
        SslCertificateLocation = _certificate,
        SslKeyLocation = _key,
        SslKeyPassword = KeyPassword,
        SslEndpointIdentificationAlgorithm = "https",
    };

    // Arguments by type: the options under test, and harmless values for the rest (group ids, flags, timeouts).
    private static ClientConfig Build(MethodInfo factory, KafkaOptions options)
    {
        var arguments = factory.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(KafkaOptions) => options,
            var t when t == typeof(string) => "test-group",
            var t when t == typeof(bool) => false,
            var t when t == typeof(int) => 1000,
            var t when t == typeof(TimeSpan) => TimeSpan.FromSeconds(1),
            _ when p.HasDefaultValue => p.DefaultValue,
            var t => t.IsValueType ? Activator.CreateInstance(t) : null,
        }).ToArray();
        return (ClientConfig)factory.Invoke(null, arguments)!;
    }

    private string Touch(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        return path;
    }
}
