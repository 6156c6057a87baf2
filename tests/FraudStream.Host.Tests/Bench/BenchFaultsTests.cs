using System.Text.Json;

namespace FraudStream.Host.Tests.Bench;

/// <summary>
/// <c>fraudstream bench --faults</c> end to end at a tiny size: two scenarios (no fault, and the overload) on their own
/// embedded clusters, each with a ledger; the table, the JSON and the results section must say every record was
/// accounted for.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BenchFaultsTests
{
    [Test]
    public async Task Bench_faults_with_a_tiny_record_count_accounts_for_every_record()
    {
        var json = Path.Combine(Path.GetTempPath(), $"fraudstream-faults-{Guid.NewGuid():N}.json");
        var results = Path.Combine(Path.GetTempPath(), $"fraudstream-faults-{Guid.NewGuid():N}.md");
        try
        {
            var (exit, output, error) = await CliRunner.RunInProcessAsync(
                "bench", "--faults", "--records", "2000", "--scenario", "baseline", "--scenario", "overload", "--json", json, "--results", results);

            Assert.That(exit, Is.Zero, error);
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
            Assert.That(await File.ReadAllTextAsync(results), Does.Contain("## Fault matrix").And.Contain("| missing |"));
        }
        finally
        {
            File.Delete(json);
            File.Delete(results);
        }
    }

    [Test]
    public async Task Bench_faults_scenarios_with_a_second_process_a_lost_group_or_a_nan_model_hold_and_say_what_they_saw()
    {
        var json = Path.Combine(Path.GetTempPath(), $"fraudstream-faults-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, output, error) = await CliRunner.RunInProcessAsync(
                "bench", "--faults", "--records", "10000", "--scenario", "sigterm", "--scenario", "partitions-lost", "--scenario", "nan-model", "--json", json, "--no-results");

            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("Observed beyond the ledger:").And.Contain("- sigterm: exit code 0"));
            var scenarios = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("scenarios").EnumerateArray().ToList();
            Assert.That(scenarios.Select(s => s.GetProperty("scenario").GetString()), Is.EqualTo(new[] { "sigterm", "partitions-lost", "nan-model" }));
            foreach (var s in scenarios)
            {
                var name = s.GetProperty("scenario").GetString();
                Assert.That(s.GetProperty("missing").GetInt64(), Is.Zero, name);
                Assert.That(s.GetProperty("held").GetBoolean(), Is.True, $"{name}: {s.GetProperty("failure")}");
                Assert.That(s.GetProperty("observed").GetString(), Is.Not.Empty, name);
            }

            Assert.That(scenarios[0].GetProperty("duplicates").GetInt64(), Is.LessThanOrEqualTo(scenarios[0].GetProperty("duplicateBound").GetInt64()), "sigterm: repeats only the redeliveries a new process cannot recognise");
            Assert.That(scenarios[1].GetProperty("observed").GetString(), Does.Match(@"^[1-9]\d* partitions lost"), "partitions-lost: the refused heartbeats cost the partitions");
            Assert.That(scenarios[2].GetProperty("observed").GetString(), Does.Match(@"^[1-9][\d,]* events the model could not score"), "nan-model: failures counted");
        }
        finally
        {
            File.Delete(json);
        }
    }
}
