using System.CommandLine;
using FraudStream.Host.Commands;

namespace FraudStream.Host.Tests.Commands;

/// <summary>
/// <c>--help</c> reads as a tour: every command says what it is for in one short line, and the examples each help
/// ends with are command lines the real parser accepts.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HelpTourTests
{
    /// <summary>Short enough for the root's command list to stay on one 80-column line.</summary>
    private const int MaxDescription = 72;

    private static IEnumerable<TestCaseData> Commands()
    {
        var root = FraudStreamCli.Build(new CliContext(TextWriter.Null, TextWriter.Null));
        foreach (var (path, command) in Walk("fraudstream", root))
            yield return new TestCaseData(command.Description).SetArgDisplayNames(path);
    }

    private static IEnumerable<TestCaseData> Examples()
    {
        foreach (var (path, examples) in HelpExamples.ByCommand)
        {
            foreach (var (_, line) in examples)
                yield return new TestCaseData(path, line).SetArgDisplayNames(line);
        }
    }

    [TestCaseSource(nameof(Commands))]
    public void Command_description_is_one_short_line(string? description)
    {
        Assert.That(description, Is.Not.Null.And.Not.Empty);
        Assert.That(description, Does.Not.Contain('\n'));
        Assert.That(description!.Length, Is.LessThanOrEqualTo(MaxDescription), description);
    }

    [TestCaseSource(nameof(Examples))]
    public void Help_example_parses_with_the_real_command_line_under_its_command(string path, string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(words[0], Is.EqualTo("fraudstream"));
        Assert.That(line, Does.Not.Contain('"').And.Not.Contain('\''), "examples are split on spaces");

        var parse = FraudStreamCli.Build(new CliContext(TextWriter.Null, TextWriter.Null)).Parse(words[1..]);

        Assert.That(parse.Errors.Select(e => e.Message), Is.Empty, line);
        Assert.That(FraudStreamCli.CommandPath(parse.CommandResult), Does.StartWith(path), "an example of the command whose help shows it");
    }

    [Test]
    public async Task Help_of_each_command_with_examples_ends_with_them()
    {
        foreach (var (path, examples) in HelpExamples.ByCommand)
        {
            var (exit, output, _) = await CliRunner.RunInProcessAsync([.. path.Split(' ').Skip(1), "--help"]);

            Assert.That(exit, Is.Zero, path);
            Assert.That(output, Does.Contain("\nExamples:\n"), path);
            var tail = output[output.IndexOf("\nExamples:\n", StringComparison.Ordinal)..];
            foreach (var (what, line) in examples)
                Assert.That(tail, Does.Contain("\n  " + line + "\n").And.Contain(what), path);
        }
    }

    [Test]
    public async Task Run_help_offers_the_check()
    {
        var (exit, output, _) = await CliRunner.RunInProcessAsync("run", "--help");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("--check").And.Contain("fraudstream run --check --config /etc/fraudstream/fraudstream.json"));
    }

    private static IEnumerable<(string Path, Command Command)> Walk(string path, Command command)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = path + " " + sub.Name;
            yield return (subPath, sub);
            foreach (var nested in Walk(subPath, sub))
                yield return nested;
        }
    }
}
