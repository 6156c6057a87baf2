using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Tests.Shared;

namespace FraudStream.Scoring.Tests.Model;

/// <summary>
/// The compiled forest against ML.NET's <c>PredictionEngine</c>: the same probabilities to 1e-6 on the shipped model
/// and on models of both trainers, missing values included, without allocating.
/// </summary>
[TestFixture]
public sealed class CompiledForestTests
{
    private const double Tolerance = 1e-6;

    [Test]
    public void Shipped_model_scores_as_PredictionEngine_on_simulated_rows_with_missing_values()
    {
        var model = FraudModel.Load(ShippedModel.Locate());
        var reference = new MlNetReference(ShippedModel.Locate(), Feature.Count);
        var rows = SimulatedRows.Generate(12_000, seed: 5, missingShare: 0.1);
        var count = rows.Length / Feature.Count;

        var probabilities = new float[count];
        model.PredictBatch(rows, count, probabilities);

        var worst = 0.0;
        var missing = 0;
        for (var i = 0; i < count; i++)
        {
            var row = rows.AsSpan(i * Feature.Count, Feature.Count);
            missing += row.ContainsAnyExceptInRange(float.MinValue, float.MaxValue) ? 1 : 0;
            worst = Math.Max(worst, Math.Abs(probabilities[i] - reference.Probability(row)));
        }

        Assert.That(count, Is.GreaterThanOrEqualTo(10_000));
        Assert.That(missing, Is.GreaterThan(count / 2), "most rows have a missing value");
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance));
        Assert.That(probabilities.Count(p => p >= 0.5f), Is.InRange(1, count - 1), "the rows are not all on one side");
    }

    [TestCase(ForestTrainerKind.LightGbm)]
    [TestCase(ForestTrainerKind.FastTree)]
    public void A_model_of_each_trainer_loads_and_scores_as_PredictionEngine_with_missing_values(ForestTrainerKind trainer)
    {
        var training = SyntheticFraudData.Generate(20_000, seed: 1);
        var model = Train(training, new ForestTrainingOptions { Trainer = trainer, Trees = 40, Leaves = 16 });
        var path = Save(model);
        var loaded = FraudModel.Load(path, SyntheticFraudData.FeatureNames);
        var reference = new MlNetReference(path, SyntheticFraudData.FeatureCount);
        File.Delete(path);

        var rows = SyntheticFraudData.Generate(10_000, seed: 2);
        var probabilities = new float[rows.RowCount];
        loaded.PredictBatch(rows.Rows, rows.RowCount, probabilities);
        var worst = 0.0;
        for (var i = 0; i < rows.RowCount; i++)
            worst = Math.Max(worst, Math.Abs(probabilities[i] - reference.Probability(rows.Row(i))));

        Assert.That(loaded.Trainer, Is.EqualTo(trainer.ToString().ToLowerInvariant()));
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance));
        Assert.That(loaded.Version, Is.EqualTo(model.Version), "the version is the file's");
        Assert.That(MissingRowsDiffer(loaded), Is.True, "the trees route a missing x3 somewhere of their own (the test covers NaN routing)");
    }

    [Test]
    public void Scoring_a_batch_and_explaining_a_row_allocate_nothing()
    {
        var model = FraudModel.Load(ShippedModel.Locate());
        var rows = SimulatedRows.Generate(1_024, seed: 9, missingShare: 0.1);
        var count = rows.Length / Feature.Count;
        var probabilities = new float[count];
        var contributions = new float[Feature.Count + 1];
        model.PredictBatch(rows, count, probabilities);
        model.PredictContributions(rows.AsSpan(0, Feature.Count), contributions);

        Assert.That(Allocations.Fewest(() => model.PredictBatch(rows, count, probabilities)), Is.Zero);
        Assert.That(Allocations.Fewest(() =>
        {
            for (var i = 0; i < 100; i++)
                model.PredictContributions(rows.AsSpan(i * Feature.Count, Feature.Count), contributions);
        }), Is.Zero);
    }

    [Test]
    public void Rows_of_the_wrong_width_and_a_short_output_are_refused_naming_the_feature_count()
    {
        var model = FraudModel.Load(ShippedModel.Locate());

        var wide = Assert.Throws<ArgumentException>(() => model.PredictBatch(new float[(Feature.Count + 1) * 2], 2, new float[2]));
        Assert.That(wide!.Message, Does.Contain($"{Feature.Count} features per row"));
        Assert.Throws<ArgumentException>(() => model.PredictBatch(new float[Feature.Count * 3], 3, new float[2]));
        Assert.DoesNotThrow(() => model.PredictBatch([], 0, []));
    }

    internal static FraudModel Train(SyntheticFraudData data, ForestTrainingOptions options)
        => ForestTrainer.Train(data.Rows, data.RowCount, SyntheticFraudData.FeatureNames, data.Labels, options);

    internal static string Save(FraudModel model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-model-{Guid.NewGuid():N}.zip");
        model.Save(path);
        return path;
    }

    // With x0 high and x3 missing, the synthetic label is mostly fraud; with x3 = 0 it is not.
    private static bool MissingRowsDiffer(FraudModel model)
    {
        var row = new float[SyntheticFraudData.FeatureCount];
        row[0] = 0.6f;
        row[SyntheticFraudData.MissingFeature] = 0;
        var present = model.PredictOne(row);
        row[SyntheticFraudData.MissingFeature] = float.NaN;
        return Math.Abs(model.PredictOne(row) - present) > 0.1;
    }
}
