using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;
using Microsoft.Extensions.Configuration;

namespace FraudStream.Host.Tests.Operations;

/// <summary><c>Operations:Listen</c>: its default, what disables the endpoint, and one-line errors for bad addresses.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OperationsOptionsTests
{
    [TestCase("http://127.0.0.1:9464")]
    [TestCase("http://0.0.0.0:9464")]
    [TestCase("http://*:9464")]
    [TestCase("http://+:9464")]
    [TestCase("http://[::1]:9464/")]
    [TestCase("http://localhost:9464")]
    [TestCase("http://127.0.0.1:0")]
    [TestCase("")]
    public void Usable_addresses_pass(string listen)
        => Assert.That(new OperationsOptions { Listen = listen }.Validate(), Is.Null);

    [TestCase("127.0.0.1:9464", "Operations:Listen is '127.0.0.1:9464', expected http://host:port")]
    [TestCase("http://127.0.0.1:99999", "Operations:Listen is 'http://127.0.0.1:99999', expected http://host:port")]
    [TestCase("ftp://127.0.0.1:9464", "Operations:Listen is 'ftp://127.0.0.1:9464', expected http://host:port")]
    [TestCase("https://127.0.0.1:9464", "Operations:Listen is 'https://127.0.0.1:9464': https is not supported")]
    [TestCase("http://127.0.0.1:9464/metrics", "Operations:Listen is 'http://127.0.0.1:9464/metrics': a listen address has no path")]
    [TestCase("http://localhost:0", "Operations:Listen is 'http://localhost:0': port 0 (any free port) needs an IP address")]
    public void Bad_address_is_one_line_naming_the_setting(string listen, string expected)
    {
        var problem = new OperationsOptions { Listen = listen }.Validate();

        Assert.That(problem, Does.StartWith(expected));
        Assert.That(problem, Does.Not.Contain('\n'));
    }

    [Test]
    public void Appsettings_listens_on_loopback_9464()
    {
        var config = CommandHost.CreateBuilder(null, []).Configuration;

        Assert.That(config.GetSection(OperationsOptions.Section).Get<OperationsOptions>()!.Listen, Is.EqualTo("http://127.0.0.1:9464"));
    }

    [Test]
    public void Empty_listen_in_configuration_disables_the_endpoint()
    {
        var config = CommandHost.CreateBuilder(null, [new("Operations:Listen", "")]).Configuration;

        Assert.That(config.GetSection(OperationsOptions.Section).Get<OperationsOptions>()!.Enabled, Is.False);
    }

    [Test]
    public async Task Bad_listen_in_a_config_file_stops_a_command_with_one_line_and_exit_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-ops-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "Operations": { "Listen": "9464" } }""");
        try
        {
            var (exit, _, error) = await CliRunner.RunInProcessAsync("broker", "--config", path);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith("fraudstream: bad configuration: Operations:Listen is '9464', expected http://host:port"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
