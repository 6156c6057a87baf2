namespace FraudStream.Host.Tests.Commands;

[TestFixture]
[NonParallelizable]
public sealed class RunCommandTests
{
    [Test]
    public async Task Run_without_kafka_says_to_pass_bootstrap_and_exits_2()
    {
        var (exit, output, error) = await CliRunner.RunInProcessAsync("run");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("Kafka:BootstrapServers is empty: pass --bootstrap"));
    }

    [Test]
    public async Task Run_with_a_missing_model_names_the_file_and_exits_2()
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync("run", "--bootstrap", "127.0.0.1:1", "--model", "/nonexistent/model.json");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Scoring:ModelPath /nonexistent/model.json").And.Contain("No model at"));
    }

    [Test]
    public async Task Run_with_a_model_it_cannot_score_names_the_file_and_the_reason_in_one_line_and_exits_2()
    {
        var corrupt = Path.Combine(Path.GetTempPath(), $"fraudstream-corrupt-{Guid.NewGuid():N}.zip");
        File.WriteAllText(corrupt, "not a model");
        try
        {
            var (exit, output, error) = await CliRunner.RunInProcessAsync("run", "--bootstrap", "127.0.0.1:1", "--model", corrupt);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty, "nothing started");
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain($"Scoring:ModelPath {corrupt}: {corrupt} is not a model FraudStream can score with: it is not a zip file"));
        }
        finally
        {
            File.Delete(corrupt);
        }
    }

    [Test]
    public async Task Run_against_an_unreachable_kafka_says_so_in_one_line_and_exits_1()
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync("run", "--bootstrap", "127.0.0.1:1");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("fraudstream run: cannot reach Kafka at 127.0.0.1:1"));
    }
}
