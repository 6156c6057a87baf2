namespace FraudStream.Host.Tests.Commands;

[TestFixture]
[NonParallelizable]
public sealed class TrainCommandTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fraudstream-train-" + Guid.NewGuid().ToString("N"));

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder);

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Train_on_simulated_traffic_reports_held_out_metrics_and_is_deterministic()
    {
        string[] args = ["train", "--simulate", "60000", "--population", "5000", "--trees", "20", "--seed", "7"];
        var first = Path.Combine(_folder, "a.zip");
        var second = Path.Combine(_folder, "b.zip");

        var (exit, output, error) = await CliRunner.RunInProcessAsync([.. args, "--out", first]);
        var (exitAgain, _, _) = await CliRunner.RunInProcessAsync([.. args, "--out", second]);

        Assert.That(exit, Is.Zero, error);
        Assert.That(exitAgain, Is.Zero);
        Assert.That(output, Does.Contain("AUC (events)").And.Contain("AUPRC").And.Contain("recall of").And.Contain("lightgbm: 20 trees over 28 features").And.Contain("written to " + first));
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)), "same seed, same model");
    }

    [TestCase(new[] { "train", "--simulate", "100", "--out", "m.json" }, "--simulate 100")]
    [TestCase(new[] { "train", "--data", "/nonexistent.jsonl", "--truth", "/nonexistent.csv" }, "no such file")]
    [TestCase(new[] { "train", "--data", "x.jsonl" }, "--data and --truth go together")]
    [TestCase(new[] { "train", "--out", "model.json" }, "must end in .zip")]
    [TestCase(new[] { "train", "--trainer", "sdca" }, "--trainer sdca: expected lightgbm or fasttree")]
    [TestCase(new[] { "train", "--leaves", "1" }, "--leaves 1")]
    [TestCase(new[] { "train", "--positive-weight", "0" }, "--positive-weight 0")]
    [TestCase(new[] { "train", "--test-fraction", "0.9" }, "--test-fraction 0.9")]
    public async Task Bad_train_arguments_exit_2_with_one_line(string[] args, string named)
    {
        var (exit, _, error) = await CliRunner.RunInProcessAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.Contain(named));
    }

    [Test]
    public void Shipped_default_model_is_copied_beside_the_executable_and_loads()
    {
        var model = FraudStream.Scoring.Model.FraudModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "default-model.zip"));

        Assert.That(model.FeatureCount, Is.EqualTo(FraudStream.Scoring.Features.Feature.Count));
    }
}
