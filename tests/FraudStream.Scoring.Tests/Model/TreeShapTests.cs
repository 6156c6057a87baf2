using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Tests.Shared;

namespace FraudStream.Scoring.Tests.Model;

/// <summary>
/// Explanations are exact SHAP values: they add up to the margin (and, in log-odds, to the probability's logit), and on
/// a small model they equal the Shapley values computed by brute force over every coalition of features.
/// </summary>
[TestFixture]
public sealed class TreeShapTests
{
    [Test]
    public void Base_value_plus_contributions_is_the_margin_of_every_row_of_the_shipped_model()
    {
        var model = FraudModel.Load(ShippedModel.Locate());
        var rows = SimulatedRows.Generate(3_000, seed: 21, missingShare: 0.1);
        var contributions = new double[Feature.Count + 1];
        var logOdds = new float[Feature.Count + 1];
        var worst = 0.0;
        var worstLogit = 0.0;
        var logits = 0;
        var count = rows.Length / Feature.Count;
        for (var i = 0; i < count; i++)
        {
            var row = rows.AsSpan(i * Feature.Count, Feature.Count);
            model.ExplainMargin(row, contributions);
            worst = Math.Max(worst, Math.Abs(contributions.Sum() - model.Forest.Margin(row)));

            model.PredictContributions(row, logOdds);
            var p = (double)model.PredictOne(row);
            if (p is > 1e-3 and < 1 - 1e-3 && ++logits > 0)
                worstLogit = Math.Max(worstLogit, Math.Abs(logOdds.Sum() - Math.Log(p / (1 - p))));
        }

        Assert.That(worst, Is.LessThanOrEqualTo(1e-5), "additive in the margin");
        Assert.That(logits, Is.GreaterThan(count / 10), "rows away from 0 and 1");
        Assert.That(worstLogit, Is.LessThanOrEqualTo(1e-3), "and in log-odds (the logit of a float probability, away from 0 and 1)");
    }

    [TestCase(ForestTrainerKind.LightGbm)]
    [TestCase(ForestTrainerKind.FastTree)]
    public void Contributions_equal_brute_force_Shapley_values_over_every_coalition(ForestTrainerKind trainer)
    {
        var data = SyntheticFraudData.Generate(5_000, seed: 4);
        var model = CompiledForestTests.Train(data, new ForestTrainingOptions { Trainer = trainer, Trees = 5, Leaves = 8, MinimumRowsPerLeaf = 50 });
        var forest = model.Forest;
        var rows = SyntheticFraudData.Generate(50, seed: 5);
        var fast = new double[SyntheticFraudData.FeatureCount + 1];
        var worst = 0.0;
        for (var r = 0; r < rows.RowCount; r++)
        {
            var row = rows.Row(r).ToArray();
            model.ExplainMargin(row, fast);
            var exact = BruteForceShapley.Of(forest, row);
            for (var f = 0; f < exact.Length; f++)
                worst = Math.Max(worst, Math.Abs(fast[f] - exact[f]));
        }

        Assert.That(worst, Is.LessThanOrEqualTo(1e-9));
    }
}
