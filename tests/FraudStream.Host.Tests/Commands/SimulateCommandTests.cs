namespace FraudStream.Host.Tests.Commands;

[TestFixture]
[NonParallelizable]
public sealed class SimulateCommandTests
{
    private string _dir = null!;

    [SetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("fraudstream-simulate-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Simulate_to_a_file_writes_the_records_and_the_truth_and_prints_one_summary_line()
    {
        var path = Path.Combine(_dir, "cdr.jsonl");

        var (exit, output, error) = await CliRunner.RunInProcessAsync("simulate", "--count", "3000", "--population", "2000", "--duplicates", "0.1", "--out", path);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(output, Does.StartWith("3,000 records (").And.Contain(" duplicates, 0 malformed) to " + path).And.Contain("records/s"));
        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(3000).And.All.StartWith("{\"recordId\":\"sim-42-"));
        Assert.That(File.ReadAllLines(path + ".truth.csv")[0], Is.EqualTo("number,kind,role,actorId"));
    }

    [Test]
    public async Task Simulate_same_seed_twice_gives_the_same_file()
    {
        string[] Args(string file) => ["simulate", "--count", "2000", "--population", "1000", "--seed", "9", "--out", Path.Combine(_dir, file)];

        await CliRunner.RunInProcessAsync(Args("a.jsonl"));
        await CliRunner.RunInProcessAsync(Args("b.jsonl"));

        Assert.That(File.ReadAllBytes(Path.Combine(_dir, "b.jsonl")), Is.EqualTo(File.ReadAllBytes(Path.Combine(_dir, "a.jsonl"))));
    }

    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--rate", "-5" }, "--rate -5")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--fraud", "phishing=3" }, "unknown fraud kind 'phishing'")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--fraud", "scam=2:0" }, "intensity")]
    [TestCase(new[] { "--count", "10" }, "nowhere to write: give --out")]
    [TestCase(new[] { "--out", "/nonexistent/dir/x.jsonl" }, "--out /nonexistent/dir/x.jsonl: cannot write")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--truth", "/nonexistent/t.csv" }, "--truth /nonexistent/t.csv: cannot write")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--population", "10" }, "--population 10")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--start", "yesterday" }, "--start yesterday")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--duplicates", "2" }, "--duplicates 2")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--count", "0" }, "--count 0")]
    [TestCase(new[] { "--out", "{dir}/x.jsonl", "--count", "many" }, "many")]
    [TestCase(new[] { "--bootstrap", "no-port" }, "no-port")]
    public async Task Simulate_bad_arguments_print_one_line_naming_the_problem_and_exit_2(string[] args, string named)
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync(["simulate", .. args.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal))]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: ").And.Contain(named));
    }

    [Test]
    public async Task Simulate_to_unreachable_kafka_prints_one_line_and_exits_1()
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync("simulate", "--bootstrap", "127.0.0.1:1", "--count", "10", "--population", "1000");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: cannot reach Kafka at 127.0.0.1:1"));
    }
}
