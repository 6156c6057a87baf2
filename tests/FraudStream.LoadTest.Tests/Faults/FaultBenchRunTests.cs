using System.Text.Json;
using FraudStream.Alerts;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Faults;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Redis;
using FraudStream.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudStream.LoadTest.Tests.Faults;

/// <summary>
/// The fault matrix of <c>fraudstream bench --faults</c> at a tiny size, scenarios on their own embedded clusters, each
/// with a ledger: the table, the JSON and the results section must say every record was accounted for. The scenarios
/// that run <c>fraudstream run</c> as a child process are run through the command, in Host.Tests.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FaultBenchRunTests
{
    [Test]
    public async Task A_tiny_record_count_accounts_for_every_record_and_appends_to_the_month_of_the_run_history()
    {
        var json = Path.Combine(Path.GetTempPath(), $"fraudstream-faults-{Guid.NewGuid():N}.json");
        var history = Path.Combine(Path.GetTempPath(), $"fraudstream-history-{Guid.NewGuid():N}");
        try
        {
            var before = DateTimeOffset.UtcNow;
            var (held, output, error) = await RunAsync(new FaultBenchSettings { Records = 2000, Scenarios = ["baseline", "overload"], JsonPath = json, HistoryDirectory = history });

            Assert.That(held, Is.True, error);
            Assert.That(output, Does.Contain("## Fault matrix: `fraudstream bench --faults`").And.Contain("| baseline | 1 |").And.Contain("| overload | limits |"));
            var report = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
            var scenarios = report.GetProperty("scenarios").EnumerateArray().ToList();
            Assert.That(scenarios.Select(s => s.GetProperty("scenario").GetString()), Is.EqualTo(new[] { "baseline", "overload" }));
            foreach (var s in scenarios)
            {
                var name = s.GetProperty("scenario").GetString();
                Assert.That(s.GetProperty("records").GetInt64(), Is.GreaterThanOrEqualTo(2000), name);
                Assert.That(s.GetProperty("decided").GetInt64(), Is.EqualTo(s.GetProperty("valid").GetInt64()), name);
                Assert.That(s.GetProperty("deadLettered").GetInt64(), Is.GreaterThan(0), $"{name}: the simulated malformed records are dead-lettered");
                Assert.That(s.GetProperty("missing").GetInt64(), Is.Zero, name);
                Assert.That(s.GetProperty("dropped").GetInt64(), Is.Zero, name);
                Assert.That(s.GetProperty("held").GetBoolean(), Is.True, name);
            }

            var overload = scenarios[1].GetProperty("overload");
            Assert.That(overload.GetProperty("maxHeapBytes").GetInt64(), Is.InRange(1, overload.GetProperty("boundHeapBytes").GetInt64()));
            Assert.That(overload.GetProperty("lagAfter").GetInt64(), Is.Zero);

            // The month of the run's start, in UTC (the run took seconds; a month may have turned during it).
            var files = Directory.GetFiles(history);
            Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { $"{before.UtcDateTime:yyyy-MM}.md" }));
            var text = await File.ReadAllTextAsync(files[0]);
            Assert.That(text, Does.StartWith($"# Runs of {before.UtcDateTime.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}\n\n## Fault matrix"));
            Assert.That(text, Does.Contain("| missing |"));
            Assert.That(error, Does.Contain($"bench --faults: appended to {files[0]}"));
        }
        finally
        {
            File.Delete(json);
            if (Directory.Exists(history))
                Directory.Delete(history, recursive: true);
        }
    }

    [Test]
    public async Task A_lost_group_and_a_nan_model_hold_and_say_what_they_saw()
    {
        var json = Path.Combine(Path.GetTempPath(), $"fraudstream-faults-{Guid.NewGuid():N}.json");
        try
        {
            var (held, output, error) = await RunAsync(new FaultBenchSettings { Records = 10_000, Scenarios = ["partitions-lost", "nan-model"], JsonPath = json });

            Assert.That(held, Is.True, error);
            Assert.That(output, Does.Contain("Observed beyond the ledger:").And.Contain("- partitions-lost: "));
            Assert.That(error, Does.Not.Contain("appended to"), "no results file unless one is given");
            var scenarios = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("scenarios").EnumerateArray().ToList();
            Assert.That(scenarios.Select(s => s.GetProperty("scenario").GetString()), Is.EqualTo(new[] { "partitions-lost", "nan-model" }));
            foreach (var s in scenarios)
            {
                var name = s.GetProperty("scenario").GetString();
                Assert.That(s.GetProperty("missing").GetInt64(), Is.Zero, name);
                Assert.That(s.GetProperty("held").GetBoolean(), Is.True, $"{name}: {s.GetProperty("failure")}");
                Assert.That(s.GetProperty("observed").GetString(), Is.Not.Empty, name);
            }

            Assert.That(scenarios[0].GetProperty("observed").GetString(), Does.Match(@"^[1-9]\d* partitions lost"), "partitions-lost: the refused heartbeats cost the partitions");
            Assert.That(scenarios[1].GetProperty("observed").GetString(), Does.Match(@"^[1-9][\d,]* events the model could not score"), "nan-model: failures counted");
        }
        finally
        {
            File.Delete(json);
        }
    }

    private static async Task<(bool Held, string Output, string Error)> RunAsync(FaultBenchSettings settings)
    {
        Assert.That(settings.Validate(), Is.Null);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var held = await new FaultBenchRun(output, error, settings, Options(), NullLoggerFactory.Instance).RunAsync(CancellationToken.None);
        return (held, output.ToString(), error.ToString());
    }

    // What fraudstream run reads with no configuration but the shipped model; each scenario points it at its own cluster and Redis.
    private static ServiceOptions Options()
    {
        var ingest = new IngestOptions();
        var alerts = new AlertsOptions();
        return new ServiceOptions(new KafkaOptions(), ingest, alerts, new RuntimeOptions(
            new RedisOptions(), new BlocklistOptions(), new ScoringOptions { ModelPath = ShippedModel.Locate() }, new FeatureOptions(), alerts, ingest.HomeCountryCode));
    }
}
