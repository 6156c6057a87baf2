using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace FraudStream.Host.Tests.Security;

/// <summary>The last line of defence: the configured secrets are masked in whatever the process writes.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SecretRedactionTests
{
    [Test]
    public void Every_secret_key_and_the_password_in_the_redis_string_are_registered_and_masked()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:SaslPassword"] = "sasl-3f7a1c",
            ["Kafka:SslKeyPassword"] = "sslkey-3f7a1c",
            ["Redis:Password"] = "redis-3f7a1c",
            ["Redis:Configuration"] = "127.0.0.1:6379,password=inline-3f7a1c",
            ["Alerts:Pseudonymise:Key"] = "pseudonym-key-3f7a1c-0123456789abcdef",
            ["Kafka:SaslUsername"] = "fraudstream-user",
        }).Build();

        SecretRedaction.Register(configuration);
        var text = SecretRedaction.Redact("sasl-3f7a1c sslkey-3f7a1c redis-3f7a1c 127.0.0.1:6379,password=inline-3f7a1c pseudonym-key-3f7a1c-0123456789abcdef fraudstream-user");

        Assert.That(text, Is.EqualTo("*** *** *** 127.0.0.1:6379,password=*** *** fraudstream-user"));
    }

    [Test]
    public void Values_shorter_than_four_characters_are_not_masked()
    {
        SecretRedaction.Add("ab1");

        Assert.That(SecretRedaction.Redact("ab1 is in cab10"), Is.EqualTo("ab1 is in cab10"));
    }

    [Test]
    public async Task The_writer_masks_strings_spans_lines_and_async_writes_and_passes_the_rest_through()
    {
        SecretRedaction.Add("writer-secret-9d2e");
        using var inner = new StringWriter();
        using var writer = new RedactingTextWriter(inner);

        writer.Write("a writer-secret-9d2e b");
        writer.Write("|c writer-secret-9d2e d".ToCharArray(), 1, 22);
        writer.WriteLine(" e writer-secret-9d2e".AsSpan());
        await writer.WriteLineAsync("f writer-secret-9d2e");
        await writer.WriteAsync("g writer-secret-9d2e".AsMemory());
        writer.Write('!');

        Assert.That(inner.ToString(), Is.EqualTo("a *** bc *** d e ***\nf ***\ng ***!"));
    }

    [Test]
    public void Service_options_print_without_their_secrets()
    {
        var kafka = new Ingest.Kafka.KafkaOptions { SecurityProtocol = "sasl_ssl", SaslMechanism = "PLAIN", SaslUsername = "u", SaslPassword = "svc-kafka-5b1d" };
        var redis = new Scoring.Redis.RedisOptions { Configuration = "r1:6379,password=svc-inline-5b1d", Password = "svc-redis-5b1d" };
        var alerts = new Alerts.AlertsOptions { Pseudonymise = new Alerts.PseudonymiseOptions { Enabled = true, Key = "svc-key-5b1d-0123456789abcdef0123456789" } };
        var options = new ServiceOptions(kafka, new Ingest.IngestOptions(), alerts, new RuntimeOptions(
            redis, new Scoring.Blocklist.BlocklistOptions(), new Scoring.Engine.ScoringOptions(), new Scoring.Features.FeatureOptions(), alerts, 86));

        var text = options + " " + options.Runtime + " " + alerts.Pseudonymise;

        Assert.That(text, Does.Contain("SaslUsername = u").And.Contain("r1:6379"));
        Assert.That(text, Does.Not.Contain("svc-kafka-5b1d").And.Not.Contain("svc-inline-5b1d").And.Not.Contain("svc-redis-5b1d").And.Not.Contain("svc-key-5b1d"));
    }
}
