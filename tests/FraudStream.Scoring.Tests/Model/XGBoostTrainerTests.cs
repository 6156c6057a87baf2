using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Tests.Model;

[TestFixture]
public sealed class XGBoostTrainerTests
{
    private const int Features = SyntheticFraudData.FeatureCount;

    private static readonly SyntheticFraudData s_training = SyntheticFraudData.Generate(5_000, seed: 1);
    private static readonly SyntheticFraudData s_heldOut = SyntheticFraudData.Generate(1_000, seed: 2);

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("fraudstream-xgb-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Train_on_separable_data_classifies_held_out_rows_above_95_percent()
    {
        using var model = Train(s_training, new XGBoostTrainingOptions());
        var probabilities = new float[s_heldOut.RowCount];

        model.PredictBatch(s_heldOut.Rows, s_heldOut.RowCount, probabilities);

        var correct = 0;
        for (var i = 0; i < probabilities.Length; i++)
            correct += (probabilities[i] > 0.5f ? 1f : 0f) == s_heldOut.Labels[i] ? 1 : 0;
        Assert.That(model.FeatureCount, Is.EqualTo(Features));
        Assert.That(correct / (double)probabilities.Length, Is.GreaterThan(0.95));
    }

    [Test]
    public void Train_twice_with_same_data_and_seed_saves_byte_identical_models()
    {
        var first = Path.Combine(_directory, "first.json");
        var second = Path.Combine(_directory, "second.json");
        using (var model = Train(s_training, new XGBoostTrainingOptions { Seed = 7 }))
            model.Save(first);
        using (var model = Train(s_training, new XGBoostTrainingOptions { Seed = 7 }))
            model.Save(second);

        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
    }

    [Test]
    public void Train_twice_with_same_data_and_seed_gives_the_same_version()
    {
        using var first = Train(s_training, new XGBoostTrainingOptions());
        using var second = Train(s_training, new XGBoostTrainingOptions());

        Assert.That(second.Version, Is.EqualTo(first.Version));
        Assert.That(first.Version, Does.Match("^[0-9a-f]{12}$"));
    }

    [Test]
    public void Train_with_different_options_gives_a_different_version()
    {
        using var first = Train(s_training, new XGBoostTrainingOptions { Rounds = 10 });
        using var second = Train(s_training, new XGBoostTrainingOptions { Rounds = 11 });

        Assert.That(second.Version, Is.Not.EqualTo(first.Version));
    }

    [Test]
    public void Train_with_ScalePosWeight_scores_rare_positives_higher()
    {
        var rare = SyntheticFraudData.Generate(2_000, seed: 3);
        for (var i = 0; i < rare.RowCount; i++)
        {
            // Keep one positive in ten: the imbalance ScalePosWeight is for.
            if (rare.Labels[i] == 1f && i % 10 != 0)
                rare.Labels[i] = 0f;
        }

        using var plain = Train(rare, new XGBoostTrainingOptions { Rounds = 20 });
        using var weighted = Train(rare, new XGBoostTrainingOptions { Rounds = 20, ScalePosWeight = 10 });

        Assert.That(MeanOverPositives(weighted, rare), Is.GreaterThan(MeanOverPositives(plain, rare)));
    }

    [Test]
    public void Train_with_fewer_labels_than_rows_throws_ArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => XGBoostTrainer.Train(s_training.Rows, s_training.RowCount, Features, s_training.Labels.AsSpan(1), new XGBoostTrainingOptions()));

        Assert.That(exception!.Message, Does.Contain("labels"));
    }

    [Test]
    public void Train_with_a_label_outside_0_and_1_throws_XGBoostException_with_xgboosts_reason()
    {
        var labels = (float[])s_training.Labels.Clone();
        labels[0] = 2f;

        var exception = Assert.Throws<XGBoostException>(
            () => XGBoostTrainer.Train(s_training.Rows, s_training.RowCount, Features, labels, new XGBoostTrainingOptions { Rounds = 1 }));

        Assert.That(exception!.Message, Does.Contain("label"));
    }

    [Test]
    public void Train_with_zero_rounds_throws_ArgumentOutOfRangeException()
        => Assert.Throws<ArgumentOutOfRangeException>(
            () => XGBoostTrainer.Train(s_training.Rows, s_training.RowCount, Features, s_training.Labels, new XGBoostTrainingOptions { Rounds = 0 }));

    internal static XGBoostModel Train(SyntheticFraudData data, XGBoostTrainingOptions options)
        => XGBoostTrainer.Train(data.Rows, data.RowCount, SyntheticFraudData.FeatureCount, data.Labels, options);

    private static double MeanOverPositives(XGBoostModel model, SyntheticFraudData data)
    {
        var probabilities = new float[data.RowCount];
        model.PredictBatch(data.Rows, data.RowCount, probabilities);
        double sum = 0;
        var count = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (data.Labels[i] == 1f)
            {
                sum += probabilities[i];
                count++;
            }
        }

        return sum / count;
    }
}
