using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Host.Tests.Commands;

/// <summary>
/// <c>fraudstream tail</c> in this process against an embedded Kafka holding the alert examples of
/// docs/contracts (as their files are, one line each), a derived low-severity alert and two broken values.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TailCommandTests
{
    private const string Topic = "fraud.alert.v1";
    private const int Alerts = 6;

    private static readonly JsonSerializerOptions s_relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private EmbeddedKafkaCluster _cluster = null!;
    private readonly List<string> _values = [];

    [OneTimeSetUp]
    public async Task StartKafkaWithAlerts()
    {
        _cluster = EmbeddedKafkaCluster.Start(1);
        _cluster.CreateTopic(Topic, 3);

        // The example files with their line breaks folded to spaces: valid alerts whose bytes a re-serializer would change.
        var examples = Path.Combine(RepositoryRoot(), "docs", "contracts", "examples");
        foreach (var file in Directory.GetFiles(examples, "alert-*.json").Order(StringComparer.Ordinal))
            _values.Add(string.Join(' ', File.ReadAllLines(file).Select(l => l.Trim())).Trim());
        Assert.That(_values, Has.Count.EqualTo(Alerts - 1), "the contract has five alert examples");
        _values.Add(Harassment());

        var records = _values.Select(v => (Key: (string)JsonNode.Parse(v)!["number"]!, Value: v)).ToList();
        records.Add(("+8613800000099", "this is not json"));
        records.Add(("+8613800000098", """{"alertId":"00000000000000000000000000000000","kind":"wangiri"}"""));
        await ProduceAsync(Topic, records);
    }

    [OneTimeTearDown]
    public void StopKafka() => _cluster.Dispose();

    [Test]
    public async Task Tail_prints_one_readable_line_per_alert_and_reports_broken_values_on_stderr()
    {
        var (exit, output, error) = await TailAsync("--from-beginning", "--timeout", "2");

        Assert.That(exit, Is.Zero, error);
        var lines = Lines(output);
        Assert.That(lines, Has.Length.EqualTo(Alerts), output);
        Assert.That(lines, Does.Contain(
            "2026-11-22 02:14:07.412  BLOCK  high      wangiri           +23276012345      → +8613700000002  score 0.97  "
            + "many_unanswered_short_rings_from_abroad: 23 new counterparts in 1 h, threshold 15  [alert 7c781593…]"));
        Assert.That(lines.Single(l => l.Contains(" call_bombing ", StringComparison.Ordinal)),
            Does.StartWith("2026-11-22 02:42:33.871  WARN   high      call_bombing      +8613900000007    ← +8617100000031  score 0.88  flooded_by_many_callers: ")
                .And.EndWith("  (+3 suppressed)  [alert fcabb2b7…]"));
        Assert.That(lines.Single(l => l.Contains(" victim_warning ", StringComparison.Ordinal)), Does.Contain("  DEGRADED  [alert 0e7fc6b4…]"));
        Assert.That(lines.Single(l => l.Contains(" ml_fraud ", StringComparison.Ordinal)),
            Does.Contain("  model: new_counterparts_1h +2.41, calls_15m +1.37, unanswered_ratio_1h +0.92  [alert c51bdfd5…]"));
        Assert.That(lines.Single(l => l.Contains(" harassment ", StringComparison.Ordinal)), Does.Contain("  LABEL  low       harassment  "));

        var problems = Lines(error);
        Assert.That(problems, Has.Length.EqualTo(2), error);
        Assert.That(problems, Has.All.Match(@"^fraudstream: skipped a malformed alert at fraud\.alert\.v1\[\d\]@\d+: "));
        Assert.That(problems, Has.One.Contain(": not JSON: ").And.One.EndWith(": time: missing"));
    }

    [Test]
    public async Task Tail_json_prints_each_value_exactly_as_received_and_nothing_else()
    {
        var (exit, output, error) = await TailAsync("--json", "--from-beginning", "--max", Alerts.ToString(Culture), "--timeout", "30");

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.EndWith("\n"));
        Assert.That(Lines(output), Is.EquivalentTo(_values));
    }

    [TestCase(new[] { "--kind", "call_bombing", "--kind", "wangiri" }, new[] { "call_bombing", "wangiri" })]
    [TestCase(new[] { "--min-severity", "high" }, new[] { "blocklisted", "call_bombing", "victim_warning", "wangiri" })]
    [TestCase(new[] { "--number", "+8613700000002", "--number", "17000000512" }, new[] { "ml_fraud", "wangiri" })]
    [TestCase(new[] { "--number", "H:8FD781050ADB4EBA11C47F2FB21867CE" }, new[] { "blocklisted" })]
    [TestCase(new[] { "--kind", "harassment", "--min-severity", "medium" }, new string[0])]
    public async Task Tail_prints_only_the_alerts_every_filter_lets_through(string[] filter, string[] kinds)
    {
        var (exit, output, error) = await TailAsync(["--json", "--from-beginning", "--timeout", "2", .. filter]);

        Assert.That(exit, Is.Zero, error);
        Assert.That(Lines(output).Select(v => (string)JsonNode.Parse(v)!["kind"]!).Order(StringComparer.Ordinal), Is.EqualTo(kinds));
    }

    [Test]
    public async Task Tail_with_the_pseudonymisation_key_finds_a_number_in_plain_and_pseudonymised_alerts()
    {
        // The pseudonymised example is the wangiri example's number under the documented example key.
        var config = Path.Combine(Path.GetTempPath(), $"fraudstream-tail-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "Alerts": { "Pseudonymise": { "Enabled": true, "Key": "example-key-not-for-production-0123456789" } } }""");
        try
        {
            var (exit, output, error) = await TailAsync("--config", config, "--json", "--from-beginning", "--timeout", "2", "--number", "+23276012345");

            Assert.That(exit, Is.Zero, error);
            Assert.That(Lines(output).Select(v => (string)JsonNode.Parse(v)!["number"]!), Is.EquivalentTo(new[] { "+23276012345", "h:8fd781050adb4eba11c47f2fb21867ce" }));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Test]
    public async Task Tail_follows_from_the_end_by_default_and_reads_the_topic_given()
    {
        const string live = "fraud.alert.live";
        _cluster.CreateTopic(live, 2);
        await ProduceAsync(live, [("+8613600000003", Harassment("old"))]);

        var tail = TailAsync("--topic", live, "--json", "--max", "1", "--timeout", "30");
        // Whatever moment the tail resolves "end" at, one of these arrives after it.
        for (var i = 0; !tail.IsCompleted && i < 60; i++)
        {
            await ProduceAsync(live, [("+8613600000003", Harassment("new-" + i))]);
            await Task.WhenAny(tail, Task.Delay(500));
        }

        var (exit, output, error) = await tail;
        Assert.That(exit, Is.Zero, error);
        Assert.That(Lines(output), Has.Length.EqualTo(1));
        Assert.That((string)JsonNode.Parse(Lines(output)[0])!["recordId"]!, Does.StartWith("new-"), "an alert older than the tail was printed");
    }

    [Test]
    public async Task Tail_commits_no_offsets()
    {
        // A commit from the tail would take this injected error; a probe commit after it must still get it.
        _cluster.PushRequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.OffsetMetadataTooLarge);
        try
        {
            var (exit, output, error) = await TailAsync("--from-beginning", "--max", Alerts.ToString(Culture), "--timeout", "30");
            Assert.That(exit, Is.Zero, error);
            Assert.That(Lines(output), Has.Length.EqualTo(Alerts));

            Assert.That(ProbeCommit(), Is.EqualTo(ErrorCode.OffsetMetadataTooLarge), "the tail sent an OffsetCommit request");
        }
        finally
        {
            _cluster.ClearRequestErrors(KafkaApiKey.OffsetCommit);
        }
    }

    [TestCase(new[] { "--kind", "phishing" }, "--kind 'phishing': expected one of blocklisted, overseas_blocked, wangiri, call_bombing, harassment, robocall, irsf, simbox, sms_flood, victim_warning, ml_fraud, scam")]
    [TestCase(new[] { "--min-severity", "severe" }, "--min-severity 'severe': expected one of low, medium, high, critical")]
    [TestCase(new[] { "--max", "0" }, "--max 0")]
    [TestCase(new[] { "--timeout", "-1" }, "--timeout -1")]
    [TestCase(new[] { "--number", "+86 138 0000 0001" }, "--number '+86 138 0000 0001'")]
    public async Task Tail_bad_arguments_print_one_line_naming_the_problem_and_exit_2(string[] args, string named)
    {
        var (exit, output, error) = await TailAsync(args);

        AssertUsage(exit, output, error, named);
    }

    [Test]
    public async Task Tail_without_bootstrap_servers_asks_for_them_and_exits_2()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("tail", "--from-beginning");

        AssertUsage(exit, output, error, "pass --bootstrap");
    }

    [Test]
    public async Task Tail_of_an_unknown_topic_exits_2_without_creating_it()
    {
        var (exit, output, error) = await TailAsync("--topic", "fraud.alerts.typo");

        AssertUsage(exit, output, error, $"Kafka at {_cluster.BootstrapServers} has no topic 'fraud.alerts.typo'");
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        Assert.That(admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic), Does.Contain(Topic).And.No.Contain("fraud.alerts.typo"));
    }

    [Test]
    public async Task Tail_of_unreachable_kafka_prints_one_line_and_exits_1()
    {
        var clock = Stopwatch.StartNew();
        var (exit, output, error) = await CliRunner.RunInProcessAsync("tail", "--bootstrap", "127.0.0.1:1");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(Lines(error), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: cannot reach Kafka at 127.0.0.1:1: "));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
    }

    private static System.Globalization.CultureInfo Culture => System.Globalization.CultureInfo.InvariantCulture;

    private Task<(int ExitCode, string Output, string Error)> TailAsync(params string[] args)
        => CliRunner.RunInProcessAsync(["tail", "--bootstrap", _cluster.BootstrapServers, .. args]);

    private static void AssertUsage(int exit, string output, string error, string named)
    {
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(Lines(error), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: ").And.Contain(named));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // A low-severity label alert, not among the examples, written compactly the way System.Text.Json would.
    private static string Harassment(string recordId = "test-harassment-1")
    {
        var alert = new JsonObject
        {
            ["alertId"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recordId + "\nharassment")).AsSpan(0, 16)),
            ["time"] = "2026-11-22T03:00:00.000Z",
            ["eventTime"] = "2026-11-22T02:59:58.000Z",
            ["kind"] = "harassment",
            ["role"] = "suspect",
            ["number"] = "+8613600000003",
            ["counterparts"] = new JsonArray("+8613500000009"),
            ["action"] = "label",
            ["severity"] = "low",
            ["score"] = 0.7,
            ["reasons"] = new JsonArray(new JsonObject { ["code"] = "repeated_unwanted_calls_to_one_number", ["detail"] = "6 events to the same number in 1 h, threshold 5" }),
            ["recordId"] = recordId,
            ["source"] = new JsonObject { ["topic"] = "telco.cdr.v1", ["partition"] = 2, ["offset"] = 77 },
            ["modelVersion"] = null,
            ["degraded"] = false,
            ["suppressedCount"] = 0,
        };
        return alert.ToJsonString(s_relaxed);
    }

    private async Task ProduceAsync(string topic, IEnumerable<(string Key, string Value)> records)
    {
        var options = new KafkaOptions { BootstrapServers = _cluster.BootstrapServers, ClientId = "fraudstream-tests" };
        using var producer = new ProducerBuilder<string, string>(KafkaClientConfigs.Producer(options)).Build();
        foreach (var (key, value) in records)
            await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value });
    }

    // Commits one offset in a fresh group and returns the error the broker answered with.
    private ErrorCode ProbeCommit()
    {
        var options = new KafkaOptions { BootstrapServers = _cluster.BootstrapServers, ClientId = "fraudstream-tests" };
        var config = KafkaClientConfigs.Reader(options, "tail-commit-probe-" + Guid.NewGuid().ToString("N"), fromBeginning: true);
        using var probe = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler(static (_, _) => { }).Build();
        probe.Assign(new TopicPartitionOffset(Topic, 0, Offset.Beginning));
        try
        {
            probe.Commit([new TopicPartitionOffset(Topic, 0, 1)]);
            return ErrorCode.NoError;
        }
        catch (TopicPartitionOffsetException e)
        {
            return e.Results.Select(r => r.Error.Code).FirstOrDefault(c => c != ErrorCode.NoError, e.Error.Code);
        }
        catch (KafkaException e)
        {
            return e.Error.Code;
        }
        finally
        {
            probe.Close();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("FraudStream.sln not found above " + AppContext.BaseDirectory);
    }
}
