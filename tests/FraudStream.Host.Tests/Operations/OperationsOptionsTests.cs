using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;
using Microsoft.Extensions.Configuration;

namespace FraudStream.Host.Tests.Operations;

/// <summary>
/// <c>Operations:Listen</c> and <c>Operations:Otlp</c>: their defaults, what disables them, and one-line errors for bad
/// addresses.
/// </summary>
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

    [Test]
    public void Short_analyst_token_is_refused_without_showing_it()
    {
        var problem = new OperationsOptions { AnalystToken = "short-secret" }.Validate();

        Assert.That(problem, Does.StartWith("Operations:AnalystToken has 12 characters, expected at least 16"));
        Assert.That(problem, Does.Not.Contain("short-secret"));
        Assert.That(new OperationsOptions { AnalystToken = "0123456789abcdef" }.Validate(), Is.Null);
        Assert.That(new OperationsOptions { AnalystToken = "" }.Validate(), Is.Null);
    }

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

    [TestCase("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/metrics")]
    [TestCase("http://collector:4318/", "http://collector:4318/v1/metrics")]
    [TestCase("https://otel.example:4318/base", "https://otel.example:4318/base/v1/metrics")]
    [TestCase("http://collector:4318/v1/metrics", "http://collector:4318/v1/metrics")]
    [TestCase(" http://[::1]:4318 ", "http://[::1]:4318/v1/metrics")]
    public void Otlp_endpoint_is_the_collectors_base_address_metrics_go_to_v1_metrics(string endpoint, string posted)
    {
        var options = new OperationsOptions { Otlp = { Endpoint = endpoint } };

        Assert.That(options.Validate(), Is.Null);
        Assert.That(options.Otlp.MetricsUri.ToString(), Is.EqualTo(posted));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Otlp_empty_endpoint_switches_the_export_off(string endpoint)
    {
        var options = new OperationsOptions { Otlp = { Endpoint = endpoint } };

        Assert.That(options.Validate(), Is.Null);
        Assert.That(options.Otlp.Enabled, Is.False);
    }

    [TestCase("127.0.0.1:4318", "Operations:Otlp:Endpoint is '127.0.0.1:4318', expected the collector's OTLP/HTTP address")]
    [TestCase("collector", "Operations:Otlp:Endpoint is 'collector', expected the collector's OTLP/HTTP address")]
    [TestCase("grpc://collector:4317", "Operations:Otlp:Endpoint is 'grpc://collector:4317', expected the collector's OTLP/HTTP address")]
    [TestCase("http://collector:99999", "Operations:Otlp:Endpoint is 'http://collector:99999', expected the collector's OTLP/HTTP address")]
    [TestCase("http://user:secret@collector:4318", "Operations:Otlp:Endpoint is 'http://user:secret@collector:4318': an endpoint has no query, fragment or user")]
    [TestCase("http://collector:4318/?tenant=a", "Operations:Otlp:Endpoint is 'http://collector:4318/?tenant=a': an endpoint has no query, fragment or user")]
    public void Otlp_bad_endpoint_is_one_line_naming_the_setting(string endpoint, string expected)
    {
        var problem = new OperationsOptions { Listen = "", Otlp = { Endpoint = endpoint } }.Validate();

        Assert.That(problem, Does.StartWith(expected));
        Assert.That(problem, Does.Not.Contain('\n'));
    }

    [TestCase("00:00:00")]
    [TestCase("-00:00:01")]
    public void Otlp_interval_that_is_not_positive_is_one_line_naming_the_setting(string interval)
    {
        var problem = new OperationsOptions { Otlp = { ExportInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) } }.Validate();

        Assert.That(problem, Does.StartWith("Operations:Otlp:ExportInterval is "));
        Assert.That(problem, Does.Not.Contain('\n'));
    }

    [Test]
    public void Appsettings_has_otlp_off_and_exports_every_minute_when_on()
    {
        var config = CommandHost.CreateBuilder(null, []).Configuration;
        var options = config.GetSection(OperationsOptions.Section).Get<OperationsOptions>()!;

        Assert.That(options.Otlp.Enabled, Is.False);
        Assert.That(options.Otlp.ExportInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public void Otlp_endpoint_from_the_environment_reaches_the_options()
    {
        Environment.SetEnvironmentVariable("FRAUDSTREAM__Operations__Otlp__Endpoint", "http://127.0.0.1:4318");
        try
        {
            var config = CommandHost.CreateBuilder(null, []).Configuration;

            Assert.That(config.GetSection(OperationsOptions.Section).Get<OperationsOptions>()!.Otlp.Endpoint, Is.EqualTo("http://127.0.0.1:4318"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FRAUDSTREAM__Operations__Otlp__Endpoint", null);
        }
    }

    [Test]
    public async Task Bad_otlp_endpoint_in_a_config_file_stops_a_command_with_one_line_and_exit_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-otlp-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "Operations": { "Otlp": { "Endpoint": "collector:4318" } } }""");
        try
        {
            var (exit, _, error) = await CliRunner.RunInProcessAsync("broker", "--config", path);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith("fraudstream: bad configuration: Operations:Otlp:Endpoint is 'collector:4318', expected the collector's OTLP/HTTP address"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Bad_otlp_endpoint_on_the_run_command_line_exits_2_before_kafka_is_contacted()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--bootstrap", "127.0.0.1:1", "--otlp", "4318");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: bad configuration: Operations:Otlp:Endpoint is '4318'"));
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
