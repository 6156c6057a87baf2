namespace FraudStream.Host.Tests.Commands;

[TestFixture]
[NonParallelizable]
public sealed class EvaluateCommandTests
{
    [Test]
    public async Task Evaluate_reports_every_kind_with_rules_model_and_both_and_the_false_suspects()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync(
            "evaluate", "--records", "60000", "--population", "5000", "--actors", "3", "--history-days", "0.5");

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("held-out world (activity 2.6"));
        foreach (var row in new[] { "wangiri / suspect", "robocall / suspect", "simbox / suspect", "scam / suspect", "call_bombing / victim" })
            Assert.That(output, Does.Contain(row), row);
        foreach (var mode in new[] { "rules alone", "model alone", "rules and model" })
            Assert.That(output, Does.Match($@"legitimate numbers named as suspects, {mode}: [\d,]+ of [\d,]+ \("), mode);
        Assert.That(output, Does.Match(@"goals \(rules and model\): legitimate suspects ≤ 0\.05 %: (met|NOT met)"));
    }

    [TestCase(new[] { "evaluate", "--world", "mars" }, "--world mars")]
    [TestCase(new[] { "evaluate", "--records", "5" }, "--records 5")]
    [TestCase(new[] { "evaluate", "--actors", "0" }, "--actors 0")]
    [TestCase(new[] { "evaluate", "--history-days", "30" }, "--history-days 30")]
    [TestCase(new[] { "evaluate", "--model", "/nonexistent/model.zip" }, "no such file")]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string named)
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.Contain(named));
    }
}
