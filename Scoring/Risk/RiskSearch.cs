using System.Globalization;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Training;

namespace FraudStream.Scoring.Risk;

/// <summary>
/// Random search over tree hyper-parameters, judged on validation rows only: each drawn set is grown once to its most
/// trees on the training rows, and every prefix of 10, 20, … trees is scored on the validation rows (boosting grows
/// tree k the same whatever comes after it), so the number of trees is chosen by validation AUC too.
/// </summary>
internal static class RiskSearch
{
    private const int TreeStep = 10;

    private static readonly int[] s_leaves = [4, 8, 16, 32];
    private static readonly double[] s_rates = [0.02, 0.05, 0.1];
    private static readonly int[] s_minRows = [5, 10, 20, 40];
    private static readonly double[] s_featureFractions = [0.5, 0.7, 1.0];
    private static readonly double[] s_subsamples = [0.7, 0.85, 1.0];
    private static readonly double[] s_l2 = [0, 1, 10];

    /// <summary>Every drawn set (trees chosen) with its validation AUC, best first.</summary>
    public static List<(ForestTrainingOptions Options, double ValidationAuc)> Run(
        float[] train, float[] trainLabels, float[] validation, float[] validationLabels, IReadOnlyList<string> features, RiskTrainingOptions options)
    {
        // Drawn in order, grown side by side (each trainer single-threaded and seeded: the same sets, trees and AUCs
        // as one after another, on as many cores as there are).
        var random = new Random(options.Seed);
        var candidates = new ForestTrainingOptions[options.Trials];
        for (var trial = 0; trial < candidates.Length; trial++)
            candidates[trial] = Draw(random, options);
        var tried = new (ForestTrainingOptions, double)[candidates.Length];
        Parallel.For(0, candidates.Length, trial =>
        {
            var model = ForestTrainer.Train(train, trainLabels.Length, features, trainLabels, candidates[trial]);
            var (trees, auc) = BestPrefix(model, validation, validationLabels);
            tried[trial] = (candidates[trial] with { Trees = trees }, auc);
        });

        // Stable: of equal AUCs the one drawn first.
        return [.. tried.OrderByDescending(t => t.Item2)];
    }

    /// <summary>The hyper-parameters in words, for reports and the model's manifest.</summary>
    public static string Describe(ForestTrainingOptions o)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{o.Trainer.ToString().ToLowerInvariant()} {o.Trees} trees, {o.Leaves} leaves, rate {o.LearningRate}, ≥ {o.MinimumRowsPerLeaf} rows per leaf, features {o.FeatureFraction ?? 1}, rows {o.SubsampleFraction ?? 1}");
        return o.Trainer == ForestTrainerKind.LightGbm ? text + string.Create(CultureInfo.InvariantCulture, $", L2 {o.L2Regularization ?? 0.01}") : text;
    }

    private static ForestTrainingOptions Draw(Random random, RiskTrainingOptions options)
    {
        var rate = Pick(random, s_rates);
        return new ForestTrainingOptions
        {
            Trainer = options.Trainer,
            Seed = options.Seed,
            Leaves = Pick(random, s_leaves),
            LearningRate = rate,
            // About the same total step for every rate: enough trees for the slow ones, no waste on the fast ones.
            Trees = (int)Math.Round(16 / rate),
            MinimumRowsPerLeaf = Pick(random, s_minRows),
            FeatureFraction = Pick(random, s_featureFractions),
            SubsampleFraction = Pick(random, s_subsamples),
            L2Regularization = options.Trainer == ForestTrainerKind.LightGbm ? Pick(random, s_l2) : null,
            PositiveWeight = 1,
        };
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static (int Trees, double Auc) BestPrefix(FraudModel model, float[] rows, float[] labels)
    {
        var forest = model.Forest;
        var width = forest.FeatureCount;
        var roots = forest.Roots;
        var leaves = forest.Leaves;
        var margins = new float[labels.Length];
        var sums = new double[labels.Length];
        // A positive slope would turn the order round; AUC is the same for any increasing map of the margin.
        var sign = model.Slope < 0 ? 1 : -1;
        var best = (Trees: roots.Length, Auc: double.NegativeInfinity);
        for (var t = 0; t < roots.Length; t++)
        {
            for (var r = 0; r < labels.Length; r++)
                sums[r] += leaves[forest.Leaf(roots[t], rows.AsSpan(r * width, width))];
            if ((t + 1) % TreeStep != 0 && t != roots.Length - 1)
                continue;
            for (var r = 0; r < labels.Length; r++)
                margins[r] = (float)(sign * sums[r]);
            var auc = Evaluation.Auc(labels, margins);
            if (auc > best.Auc)
                best = (t + 1, auc);
        }

        return best;
    }
}
