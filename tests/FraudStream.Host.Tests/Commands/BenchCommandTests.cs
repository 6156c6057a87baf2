using System.Text.Json;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Faults;

namespace FraudStream.Host.Tests.Commands;

[TestFixture]
[NonParallelizable]
public sealed class BenchCommandTests
{
    [TestCase(new[] { "bench", "--count", "5" }, "--count 5: expected 10000 to 50000000")]
    [TestCase(new[] { "bench", "--count", "lots" }, "lots")]
    [TestCase(new[] { "bench", "--rate", "10" }, "--rate 10: expected 100")]
    [TestCase(new[] { "bench", "--partitions", "0" }, "--partitions 0: expected 1 to 1000")]
    [TestCase(new[] { "bench", "--count", "6000000", "--partitions", "10" }, "the embedded broker keeps at most about 80,000 CDRs per partition")]
    [TestCase(new[] { "bench", "--json", "/nonexistent-dir/bench.json" }, "--json /nonexistent-dir/bench.json: its directory does not exist")]
    [TestCase(new[] { "bench", "--quick", "--results", "r.md", "--no-results" }, "--results and --no-results contradict each other")]
    [TestCase(new[] { "bench", "--quick", "--bootstrap", "nohost" }, "Kafka:BootstrapServers has 'nohost'")]
    [TestCase(new[] { "bench", "--faults", "--records", "5" }, "--records 5: expected 1000 to 2000000")]
    [TestCase(new[] { "bench", "--faults", "--records", "many" }, "many")]
    [TestCase(new[] { "bench", "--faults", "--scenario", "meteor" }, "--scenario meteor: unknown, expected one of baseline, sigkill, sigterm")]
    [TestCase(new[] { "bench", "--faults", "--quick" }, "--quick does not apply to --faults")]
    [TestCase(new[] { "bench", "--faults", "--count", "100000" }, "--count does not apply to --faults")]
    [TestCase(new[] { "bench", "--records", "5000" }, "--records and --scenario go with --faults")]
    [TestCase(new[] { "bench", "--faults", "--allocations" }, "--allocations does not apply to --faults")]
    [TestCase(new[] { "bench", "--faults", "--no-results", "--json", "/nonexistent-dir/faults.json" }, "--json /nonexistent-dir/faults.json: its directory does not exist")]
    public async Task Bad_arguments_print_one_line_naming_the_problem_and_exit_2(string[] args, string named)
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync(args);

        Assert.That(exit, Is.EqualTo(2), error);
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: ").And.Contain(named));
    }

    [Test]
    public async Task An_unreachable_bootstrap_ends_the_bench_with_one_line_saying_so()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("bench", "--quick", "--no-results", "--bootstrap", "127.0.0.1:1");

        Assert.That(exit, Is.EqualTo(1), error);
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n')[^1], Does.StartWith("fraudstream bench: cannot reach Kafka at 127.0.0.1:1: ").And.Contain("check --bootstrap"));
    }

    [Test]
    public async Task A_bootstrap_cluster_that_cannot_create_topics_ends_the_bench_with_one_line_saying_so()
    {
        // librdkafka's mock names no controller: CreateTopics cannot be sent to it (a real cluster can).
        using var cluster = EmbeddedKafkaCluster.Start(1);
        var (exit, output, error) = await CliRunner.RunInProcessAsync("bench", "--quick", "--no-results", "--bootstrap", cluster.BootstrapServers);

        Assert.That(exit, Is.EqualTo(1), error);
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n')[^1], Does.StartWith($"fraudstream bench: cannot create the bench's topics on {cluster.BootstrapServers}: ").And.Contain("the cluster must let this client create topics"));
    }

    [Test]
    public async Task Help_describes_the_faults_mode_and_names_every_scenario()
    {
        var (exit, output, _) = await CliRunner.RunInProcessAsync("bench", "--help");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("--faults").And.Contain("--records").And.Contain("--scenario"));
        foreach (var scenario in FaultScenarios.All)
            Assert.That(output, Does.Contain(scenario.Name), scenario.Name);
    }

    [Test]
    public async Task Help_says_a_full_run_appends_to_the_month_file_of_the_run_history()
    {
        var (exit, output, _) = await CliRunner.RunInProcessAsync("bench", "--help");

        Assert.That(exit, Is.Zero);
        // Help wraps long descriptions; the path must survive whole.
        Assert.That(output, Does.Contain("benchmarks/history/<yyyy-MM>.md").And.Not.Contain("RESULTS.md"));
    }

    [Test]
    public async Task Bench_faults_sigterm_runs_fraudstream_run_as_a_child_holds_and_appends_to_the_results_file()
    {
        var json = Path.Combine(Path.GetTempPath(), $"fraudstream-faults-{Guid.NewGuid():N}.json");
        var results = Path.Combine(Path.GetTempPath(), $"fraudstream-faults-{Guid.NewGuid():N}.md");
        try
        {
            var (exit, output, error) = await CliRunner.RunInProcessAsync(
                "bench", "--faults", "--records", "10000", "--scenario", "sigterm", "--json", json, "--results", results);

            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("Observed beyond the ledger:").And.Contain("- sigterm: exit code 0"));
            var scenario = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("scenarios")[0];
            Assert.That(scenario.GetProperty("scenario").GetString(), Is.EqualTo("sigterm"));
            Assert.That(scenario.GetProperty("missing").GetInt64(), Is.Zero);
            Assert.That(scenario.GetProperty("held").GetBoolean(), Is.True, scenario.GetProperty("failure").ToString());
            Assert.That(scenario.GetProperty("duplicates").GetInt64(), Is.LessThanOrEqualTo(scenario.GetProperty("duplicateBound").GetInt64()), "repeats only the redeliveries a new process cannot recognise");
            Assert.That(await File.ReadAllTextAsync(results), Does.StartWith("\n## Fault matrix: `fraudstream bench --faults`, ").And.Contain("- Command: `fraudstream bench --faults --records 10000 --scenario sigterm"),
                "--results appends to the file given, without the history's heading");
        }
        finally
        {
            File.Delete(json);
            File.Delete(results);
        }
    }
}
