namespace FraudStream.Host.Tests.Commands;

[TestFixture]
[NonParallelizable]
public sealed class CommandLineTests
{
    [Test]
    public async Task Help_lists_every_subcommand()
    {
        var (exit, output, _) = await CliRunner.RunInProcessAsync("--help");

        Assert.That(exit, Is.Zero);
        foreach (var command in new[] { "demo", "run", "simulate", "train", "evaluate", "risk", "labels", "tail", "broker", "bench" })
            Assert.That(output, Does.Match($@"(?m)^\s+{command}\s"), command);
    }

    [TestCase(new[] { "nope" }, "nope")]
    [TestCase(new[] { "broker", "--brokers", "many" }, "many")]
    [TestCase(new[] { "broker", "--topic", "calls:0" }, "calls:0")]
    [TestCase(new[] { "broker", "--brokers", "0" }, "Broker:Brokers is 0")]
    [TestCase(new[] { "broker", "--config", "/nonexistent/fraudstream.json" }, "no such file")]
    [TestCase(new[] { "demo", "--rate", "10" }, "--rate 10")]
    [TestCase(new[] { "demo", "--history", "31" }, "--history 31")]
    public async Task Bad_arguments_print_one_line_naming_the_problem_and_exit_2(string[] args, string named)
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("fraudstream: ").And.Contain(named));
    }

    [Test]
    public async Task Bad_config_file_json_is_reported_with_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ \"Broker\": ");
        try
        {
            var (exit, _, error) = await CliRunner.RunInProcessAsync("broker", "--config", path);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain(path).And.Contain("not valid JSON"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
