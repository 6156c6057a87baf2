using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;
using FraudStream.Host.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Tests.Deploy;

/// <summary>
/// deploy/fraudstream.production.json through the real configuration layering and options validation, with the
/// secrets given as deploy/fraudstream.env.example gives them: it passes, it needs those secrets, and it holds none.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ProductionConfigTests
{
    [TearDown]
    public void Clean()
    {
        foreach (var (name, _) in DeployFiles.ExampleSecrets())
            Environment.SetEnvironmentVariable(name, null);
    }

    [Test]
    public async Task Production_sample_with_the_example_secrets_passes_the_options_validation()
    {
        var secrets = SetExampleSecrets();
        var builder = CommandHost.CreateBuilder(DeployFiles.ProductionConfig, []);
        ServiceOptions.Register(builder);
        using var host = builder.Build();

        // ValidateOnStart: every section run reads, checked as run checks it at start.
        await host.StartAsync();
        try
        {
            var options = ServiceOptions.From(host.Services);
            var kafka = options.Kafka;
            Assert.That(kafka.Validate(bootstrapRequired: true), Is.Null);
            Assert.That((kafka.SecurityProtocol, kafka.SaslMechanism, kafka.SslEndpointIdentificationAlgorithm), Is.EqualTo(("sasl_ssl", "SCRAM-SHA-512", "https")));
            Assert.That(kafka.SaslPassword, Is.EqualTo(secrets["FRAUDSTREAM__Kafka__SaslPassword"]), "the SASL password comes from the environment");
            var redis = options.Runtime.Redis.Parse();
            Assert.That(redis.Ssl, Is.True, "Redis over TLS");
            Assert.That(redis.Password, Is.EqualTo(secrets["FRAUDSTREAM__Redis__Password"]), "the Redis password comes from the environment");
            var operations = host.Services.GetRequiredService<IOptions<OperationsOptions>>().Value;
            Assert.That(operations.Listen, Is.EqualTo("http://*:9464"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Production_sample_without_the_secrets_is_refused_naming_the_variable()
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync("run", "--check", "--config", DeployFiles.ProductionConfig);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("fraudstream: bad configuration: Kafka:SaslPassword is empty").And.Contain("FRAUDSTREAM__Kafka__SaslPassword"));
    }

    [Test]
    public async Task Run_check_with_the_production_sample_gets_past_configuration_and_files_to_kafka()
    {
        SetExampleSecrets();

        var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--check", "--config", DeployFiles.ProductionConfig);

        // Valid configuration, model and thresholds loaded: what stops it is the example brokers, which do not exist.
        Assert.That(exit, Is.EqualTo(1), error);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("fraudstream run --check: cannot reach Kafka at kafka1.example.net:9093,kafka2.example.net:9093,kafka3.example.net:9093: "));
    }

    [Test]
    public void Production_sample_holds_no_secret_and_the_env_example_names_every_secret_setting()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(DeployFiles.ProductionConfig).Build();
        var example = File.ReadAllText(DeployFiles.EnvironmentExample);

        foreach (var key in SecretRedaction.Keys)
        {
            Assert.That(sample[key], Is.Null, $"{key} is a secret: the environment file gives it");
            Assert.That(example, Does.Contain(CommandHost.EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal) + "="), key);
        }

        Assert.That(StackExchange.Redis.ConfigurationOptions.Parse(sample["Redis:Configuration"]!).Password, Is.Null, "no password= in Redis:Configuration");
    }

    private static Dictionary<string, string> SetExampleSecrets()
    {
        var secrets = DeployFiles.ExampleSecrets().ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        Assert.That(secrets.Keys, Is.SupersetOf(new[] { "FRAUDSTREAM__Kafka__SaslPassword", "FRAUDSTREAM__Redis__Password" }));
        foreach (var (name, value) in secrets)
            Environment.SetEnvironmentVariable(name, value);
        return secrets;
    }
}
