using FraudStream.Host.Hosting;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Redis;
using FraudStream.Tests.Shared;

namespace FraudStream.Host.Tests.Security;

/// <summary>
/// Commands run with distinctive secrets in the environment, a config file or arguments: they work with the right
/// ones, fail in one line with the wrong ones, and never print a secret, whether they succeed or fail.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SecretsInCommandsTests
{
    private const string RedisPassword = "redis-Pa55-c0ffee41";
    private const string WrongPassword = "wrong-Pa55-dead7e57";
    private const string SaslPassword = "sasl-Pa55-b16b00b5";
    private const string KeyPassword = "tls-key-Pa55-5eed";
    private const string PseudonymKey = "pseudonym-key-Pa55-0123456789abcdef01";
    private static readonly string[] Secrets = [RedisPassword, WrongPassword, SaslPassword, KeyPassword, PseudonymKey];

    private PrivateRedisServer _redis = null!;
    private EmbeddedKafkaCluster _kafka = null!;
    private TestCertificates _certificates = null!;
    private readonly List<string> _files = [];

    [OneTimeSetUp]
    public void Start()
    {
        _redis = PrivateRedisServer.Start(password: RedisPassword);
        _kafka = EmbeddedKafkaCluster.Start(1);
        foreach (var topic in new[] { "telco.cdr.v1", "telco.cdr.dlq.v1", "fraud.cdr-by-callee.v1", "fraud.alert.v1" })
            _kafka.CreateTopic(topic, 2);
        _certificates = TestCertificates.Create(KeyPassword);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _certificates.Dispose();
        _kafka.Dispose();
        _redis.Dispose();
    }

    [TearDown]
    public void Clean()
    {
        foreach (var name in new[] { "FRAUDSTREAM__Redis__Password", "FRAUDSTREAM__Kafka__SaslPassword", "FRAUDSTREAM__Alerts__Pseudonymise__Key" })
            Environment.SetEnvironmentVariable(name, null);
        foreach (var file in _files)
            File.Delete(file);
        _files.Clear();
    }

    [TestCase]
    [TestCase("run")]
    [TestCase("labels")]
    [TestCase("labels", "list")]
    [TestCase("tail")]
    [TestCase("simulate")]
    [TestCase("demo")]
    public async Task Help_never_shows_a_secret_from_the_environment(params string[] command)
    {
        Environment.SetEnvironmentVariable("FRAUDSTREAM__Redis__Password", RedisPassword);
        Environment.SetEnvironmentVariable("FRAUDSTREAM__Kafka__SaslPassword", SaslPassword);
        Environment.SetEnvironmentVariable("FRAUDSTREAM__Alerts__Pseudonymise__Key", PseudonymKey);

        var (exit, output, error) = await CliRunner.RunInProcessAsync([.. command, "--help"]);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("Usage:"));
        AssertNoSecret(output + error);
    }

    [Test]
    public async Task Labels_list_with_the_password_in_the_environment_works()
    {
        Environment.SetEnvironmentVariable("FRAUDSTREAM__Redis__Password", RedisPassword);

        var (exit, output, error) = await CliRunner.RunInProcessAsync("labels", "list", "--redis", _redis.Configuration);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output.Trim(), Is.EqualTo("no labels"));
    }

    [Test]
    public async Task Labels_list_with_a_wrong_password_in_the_arguments_fails_in_one_line_without_it()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("labels", "list", "--redis", $"{_redis.Configuration},password={WrongPassword}");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd(), Is.EqualTo($"fraudstream: Redis at {_redis.Configuration} is unreachable: Redis refused the password given in {RedisProbe.PasswordKeys}"));
        AssertNoSecret(error);
    }

    [Test]
    public async Task Labels_list_with_a_wrong_password_in_a_config_file_fails_in_one_line_without_it()
    {
        var config = ConfigFile($$"""{ "Redis": { "Configuration": "{{_redis.Configuration}}", "Password": "{{WrongPassword}}", "ConnectTimeoutMs": 500 } }""");

        var (exit, _, error) = await CliRunner.RunInProcessAsync("labels", "list", "--config", config);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.Contain("Redis refused the password"));
        AssertNoSecret(error);
    }

    [Test]
    public async Task Labels_list_without_a_password_says_one_is_required_and_where_to_give_it()
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync("labels", "list", "--redis", _redis.Configuration);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.TrimEnd(), Does.EndWith("Redis requires a password: set Redis:Password (FRAUDSTREAM__Redis__Password) or password= in Redis:Configuration"));
    }

    [Test]
    public async Task Tail_over_sasl_ssl_to_a_plaintext_cluster_fails_in_one_line_naming_tls_without_the_password()
    {
        Environment.SetEnvironmentVariable("FRAUDSTREAM__Kafka__SaslPassword", SaslPassword);
        var config = ConfigFile($$"""
            { "Kafka": { "SecurityProtocol": "sasl_ssl", "SaslMechanism": "SCRAM-SHA-512", "SaslUsername": "fraudstream",
                         "SslCaLocation": "{{_certificates.CaPath}}", "SslCertificateLocation": "{{_certificates.CertificatePath}}",
                         "SslKeyLocation": "{{_certificates.EncryptedKeyPath}}", "SslKeyPassword": "{{KeyPassword}}" } }
            """);

        var (exit, output, error) = await CliRunner.RunInProcessAsync("tail", "--config", config, "--bootstrap", _kafka.BootstrapServers, "--timeout", "1");

        Assert.That(exit, Is.EqualTo(1), error);
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith($"fraudstream: cannot reach Kafka at {_kafka.BootstrapServers}: ").And.Contain("SSL"));
        AssertNoSecret(error);
    }

    [Test]
    public async Task Run_over_ssl_to_a_plaintext_cluster_fails_in_time_in_one_line()
    {
        var config = ConfigFile($$"""{ "Kafka": { "SecurityProtocol": "ssl", "SslCaLocation": "{{_certificates.CaPath}}" }, "Operations": { "Listen": "" } }""");

        var (exit, _, error) = await CliRunner.RunInProcessAsync("run", "--config", config, "--bootstrap", _kafka.BootstrapServers);

        Assert.That(exit, Is.EqualTo(1), error);
        Assert.That(error, Does.StartWith($"fraudstream run: cannot reach Kafka at {_kafka.BootstrapServers}: ").And.Contain("SSL"));
    }

    [TestCase("""{ "Kafka": { "SecurityProtocol": "sasl_tls" } }""", "fraudstream: bad configuration: Kafka:SecurityProtocol is 'sasl_tls', expected one of plaintext, ssl, sasl_plaintext, sasl_ssl")]
    [TestCase("""{ "Kafka": { "SecurityProtocol": "sasl_ssl", "SaslMechanism": "PLAIN", "SaslPassword": "sasl-Pa55-b16b00b5" } }""", "fraudstream: bad configuration: Kafka:SaslUsername is empty")]
    [TestCase("""{ "Kafka": { "SecurityProtocol": "ssl", "SslCaLocation": "/nonexistent/ca.pem" } }""", "fraudstream: bad configuration: Kafka:SslCaLocation: no such file or directory '/nonexistent/ca.pem'")]
    [TestCase("""{ "Alerts": { "Pseudonymise": { "Enabled": true, "Key": "short" } } }""", "fraudstream: bad configuration: Alerts:Pseudonymise:Key is 5 bytes")]
    public async Task Bad_security_settings_are_one_line_and_exit_2_before_anything_starts(string json, string expected)
    {
        var config = ConfigFile(json);

        var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--config", config, "--bootstrap", "127.0.0.1:1");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith(expected));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        AssertNoSecret(error);
    }

    [Test]
    public void Run_with_a_wrong_redis_password_starts_degraded_saying_why_and_never_prints_a_secret_even_in_its_logs()
    {
        var environment = new Dictionary<string, string?>
        {
            ["FRAUDSTREAM__Alerts__Pseudonymise__Enabled"] = "true",
            ["FRAUDSTREAM__Alerts__Pseudonymise__Key"] = PseudonymKey,
            ["FRAUDSTREAM__Operations__Listen"] = "",
            ["FRAUDSTREAM__Kafka__SessionTimeoutMs"] = "6000",
        };
        using var run = CliRunner.Start(environment, "run", "--bootstrap", _kafka.BootstrapServers, "--redis", $"{_redis.Configuration},password={WrongPassword}");
        var error = new System.Text.StringBuilder();
        var degraded = new ManualResetEventSlim();
        run.ErrorDataReceived += (_, e) =>
        {
            lock (error)
                error.AppendLine(e.Data);
            if (e.Data?.Contains("fraudstream run: degraded:", StringComparison.Ordinal) == true)
                degraded.Set();
        };
        run.BeginErrorReadLine();
        var output = run.StandardOutput.ReadToEndAsync();
        try
        {
            Assert.That(degraded.Wait(TimeSpan.FromSeconds(60)), Is.True, "no degraded start within 60 s: " + error);
            Thread.Sleep(1000); // let the pipeline log its start too
            ExternalTool.Terminate(run);
            Assert.That(run.WaitForExit(30_000), Is.True, "run did not stop within 30 s of SIGTERM");
            run.WaitForExit();
        }
        finally
        {
            if (!run.HasExited)
                run.Kill(entireProcessTree: true);
        }

        var all = output.Result + error;
        Assert.That(all, Does.Contain($"fraudstream run: degraded: Redis at {_redis.Configuration} is unreachable (Redis refused the password given in {RedisProbe.PasswordKeys})"));
        Assert.That(all, Does.Contain("Running degraded"), "the log line too");
        AssertNoSecret(all);
    }

    private static void AssertNoSecret(string text)
    {
        foreach (var secret in Secrets)
            Assert.That(text, Does.Not.Contain(secret));
        Assert.That(text, Does.Not.Contain(SecretRedaction.Mask), "nothing needed masking: the messages themselves hold no secret");
    }

    private string ConfigFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-security-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }
}
