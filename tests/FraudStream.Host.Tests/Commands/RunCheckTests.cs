using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Redis;
using FraudStream.Tests.Shared;

namespace FraudStream.Host.Tests.Commands;

/// <summary>
/// <c>fraudstream run --check</c> against an embedded cluster holding only the CDR topic and a private redis-server:
/// a summary and exit 0 when run could start, else one line saying what to fix, exit 1 for what cannot be reached
/// and 2 for bad configuration; and nothing created either way.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RunCheckTests
{
    private const string CdrTopic = "telco.cdr.v1";
    private const string RedisPassword = "check-Pa55-7e11";

    private EmbeddedKafkaCluster _kafka = null!;
    private PrivateRedisServer _redis = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _kafka = EmbeddedKafkaCluster.Start(1);
        _kafka.CreateTopic(CdrTopic, 3);
        _redis = PrivateRedisServer.Start();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _redis.Dispose();
        _kafka.Dispose();
    }

    [Test]
    public async Task Check_against_kafka_and_redis_prints_a_summary_and_exits_0()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--check", "--bootstrap", _kafka.BootstrapServers, "--redis", _redis.Configuration);

        Assert.That(exit, Is.Zero, error);
        Assert.That(error, Is.Empty);
        var lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.That(lines[0], Is.EqualTo("fraudstream run --check: ready to run"));
        Assert.That(lines, Has.Member($"  kafka          {_kafka.BootstrapServers} answered: 1 broker"));
        Assert.That(lines, Has.Member($"  topics         {CdrTopic} exists (3 partitions); "
            + "run would create (3 partitions, replication 1; needs the right to create topics): telco.cdr.dlq.v1, fraud.cdr-by-callee.v1, fraud.alert.v1"));
        Assert.That(lines, Has.Some.StartsWith($"  redis          {_redis.Configuration} answered PING in "));
        Assert.That(lines.Any(static l => Regex.IsMatch(l, @"^  model          /.+/models/default-model\.zip \(version [0-9a-f]+\)$")), Is.True, output);
    }

    [Test]
    public async Task Check_creates_none_of_the_topics_it_lists()
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync("run", "--check", "--bootstrap", _kafka.BootstrapServers);

        Assert.That(exit, Is.Zero, error);
        using var admin = KafkaAdmin.Connect(new KafkaOptions { BootstrapServers = _kafka.BootstrapServers });
        Assert.That(admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic), Is.EqualTo(new[] { CdrTopic }));
    }

    [Test]
    public async Task Check_without_redis_configured_says_run_would_be_degraded_and_exits_0()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--check", "--bootstrap", _kafka.BootstrapServers);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("redis          not configured (Redis:Configuration): run would start degraded"));
    }

    [Test]
    public async Task Check_with_a_wrong_kafka_address_prints_only_one_line_and_exits_1()
    {
        // A child process, so that the one line is all of stderr, logs included: what the journal shows.
        using var check = CliRunner.Start("run", "--check", "--bootstrap", "127.0.0.1:1", "--redis", _redis.Configuration);
        var output = check.StandardOutput.ReadToEndAsync();
        var error = check.StandardError.ReadToEndAsync();
        if (!check.WaitForExit(60_000))
        {
            check.Kill(entireProcessTree: true);
            Assert.Fail("run --check did not finish within 60 s");
        }

        Assert.That(check.ExitCode, Is.EqualTo(1), await error);
        Assert.That(await output, Is.Empty);
        var lines = (await error).TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(1), await error);
        Assert.That(lines[0], Does.StartWith("fraudstream run --check: cannot reach Kafka at 127.0.0.1:1: ").And.EndWith("; check --bootstrap and that the brokers are up"));
    }

    [Test]
    public async Task Check_on_a_cluster_without_the_cdr_topic_names_it_and_exits_1()
    {
        using var empty = EmbeddedKafkaCluster.Start(1);

        var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--check", "--bootstrap", empty.BootstrapServers, "--redis", _redis.Configuration);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo($"fraudstream run --check: the CDR topic '{CdrTopic}' does not exist on {empty.BootstrapServers}; create it or set Ingest:Topic\n"));
    }

    [Test]
    public async Task Check_with_redis_unreachable_says_why_in_one_line_and_exits_1()
    {
        var port = ClosedPort();

        var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--check", "--bootstrap", _kafka.BootstrapServers, "--redis", $"127.0.0.1:{port}");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith($"fraudstream run --check: Redis at 127.0.0.1:{port} is unreachable: ")
            .And.Contain("refused").And.EndWith("; check --redis (Redis:Configuration) and that Redis is up\n"));
    }

    [Test]
    public async Task Check_against_a_redis_that_wants_a_password_names_the_variable_and_exits_1()
    {
        using var guarded = PrivateRedisServer.Start(password: RedisPassword);

        var (exit, _, error) = await CliRunner.RunInProcessAsync("run", "--check", "--bootstrap", _kafka.BootstrapServers, "--redis", guarded.Configuration);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo($"fraudstream run --check: Redis at {guarded.Configuration} is unreachable: Redis requires a password: set {RedisProbe.PasswordKeys}\n"));
    }

    [Test]
    public async Task Check_with_the_redis_password_in_the_environment_passes()
    {
        using var guarded = PrivateRedisServer.Start(password: RedisPassword);
        Environment.SetEnvironmentVariable("FRAUDSTREAM__Redis__Password", RedisPassword);
        try
        {
            var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--check", "--bootstrap", _kafka.BootstrapServers, "--redis", guarded.Configuration);

            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain($"{guarded.Configuration} answered PING"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FRAUDSTREAM__Redis__Password", null);
        }
    }

    [TestCase(new[] { "--bootstrap", "kafka1" }, "fraudstream: bad configuration: Kafka:BootstrapServers has 'kafka1', expected host:port")]
    [TestCase(new string[0], "fraudstream: Kafka:BootstrapServers is empty: pass --bootstrap host:port[,host:port]")]
    [TestCase(new[] { "--bootstrap", "127.0.0.1:1", "--model", "/nonexistent/model.json" }, "fraudstream: Scoring:ModelPath /nonexistent/model.json: ")]
    public async Task Check_with_bad_configuration_exits_2_before_reaching_anything(string[] args, string line)
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync(["run", "--check", .. args]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith(line));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
