using FraudStream.Host.Commands;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Kafka;
using Microsoft.Extensions.Configuration;

namespace FraudStream.Host.Tests.Hosting;

/// <summary>appsettings.json → --config file → FRAUDSTREAM__ environment → command line; later wins.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConfigurationLayeringTests
{
    private const string EnvBrokers = "FRAUDSTREAM__Broker__Brokers";
    private string _configFile = null!;

    [SetUp]
    public void WriteConfigFile()
    {
        _configFile = Path.Combine(Path.GetTempPath(), $"fraudstream-{Guid.NewGuid():N}.json");
        File.WriteAllText(_configFile, """{ "Broker": { "Brokers": 5 }, "Kafka": { "ClientId": "from-file" } }""");
    }

    [TearDown]
    public void Clean()
    {
        File.Delete(_configFile);
        Environment.SetEnvironmentVariable(EnvBrokers, null);
    }

    [Test]
    public void Appsettings_alone_gives_the_shipped_defaults()
    {
        var config = CommandHost.CreateBuilder(null, []).Configuration;

        Assert.That(config.GetSection("Broker").Get<BrokerOptions>()!.Brokers, Is.EqualTo(3));
        Assert.That(config["Alerts:Topic"], Is.EqualTo("fraud.alert.v1"));
    }

    [Test]
    public void Config_file_overrides_appsettings()
    {
        var config = CommandHost.CreateBuilder(_configFile, []).Configuration;

        Assert.That(config.GetSection("Broker").Get<BrokerOptions>()!.Brokers, Is.EqualTo(5));
        Assert.That(config.GetSection(KafkaOptions.Section).Get<KafkaOptions>()!.ClientId, Is.EqualTo("from-file"));
    }

    [Test]
    public void Environment_overrides_config_file()
    {
        Environment.SetEnvironmentVariable(EnvBrokers, "4");

        var config = CommandHost.CreateBuilder(_configFile, []).Configuration;

        Assert.That(config.GetSection("Broker").Get<BrokerOptions>()!.Brokers, Is.EqualTo(4));
    }

    [Test]
    public void Command_line_overrides_environment()
    {
        Environment.SetEnvironmentVariable(EnvBrokers, "4");

        var config = CommandHost.CreateBuilder(_configFile, [new("Broker:Brokers", "2")]).Configuration;

        Assert.That(config.GetSection("Broker").Get<BrokerOptions>()!.Brokers, Is.EqualTo(2));
    }

    [Test]
    public void Broker_topic_option_adds_a_topic_and_resizes_a_standard_one()
    {
        var options = new BrokerOptions { Topics = "telco.cdr.v1:6,fraud.alert.v1:6" };

        var topics = options.TopicsWith([new TopicSpec("telco.cdr.v1", 12), new TopicSpec("extra", 2)]);

        Assert.That(topics, Is.EquivalentTo(new[] { new TopicSpec("telco.cdr.v1", 12), new TopicSpec("fraud.alert.v1", 6), new TopicSpec("extra", 2) }));
    }
}
