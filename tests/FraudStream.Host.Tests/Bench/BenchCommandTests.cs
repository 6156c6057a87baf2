namespace FraudStream.Host.Tests.Bench;

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
    public async Task Bad_arguments_print_one_line_naming_the_problem_and_exit_2(string[] args, string named)
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync(args);

        Assert.That(exit, Is.EqualTo(2), error);
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: ").And.Contain(named));
    }
}
