using System.Diagnostics;
using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Risk;

/// <summary>
/// Trains a <see cref="RiskModel"/>: hyper-parameters searched on the training rows and judged on the validation
/// rows (<see cref="RiskSearch"/>), the chosen model grown (bagged over seeds when asked), both cut-offs chosen on the
/// validation rows, and only then the test rows scored. Nothing is chosen with the test rows.
/// </summary>
public static class RiskTrainer
{
    /// <exception cref="RiskDataException">The table has no labels, or a part of the split has no fraud or no legitimate rows.</exception>
    public static RiskTrainingResult Train(RiskTable table, RiskSplit split, RiskTrainingOptions options, string labelColumn = RiskTableReader.DefaultLabel)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var labels = table.Labels ?? throw new RiskDataException($"{table.Source}: line 1: no label column '{labelColumn}'");
        if (split.RowCount != table.RowCount)
            throw new RiskDataException($"{split.Description}: it splits {split.RowCount} rows and {table.Source} has {table.RowCount}");

        var clock = Stopwatch.StartNew();
        var layout = RiskLayout.Choose(table, options.Columns, options.WithoutTenure, options.Ratios);
        var (train, trainLabels) = Part(table, split, layout, labels, RiskPart.Train);
        var (validation, validationLabels) = Part(table, split, layout, labels, RiskPart.Validation);
        var (test, testLabels) = Part(table, split, layout, labels, RiskPart.Test);

        var tried = RiskSearch.Run(train, trainLabels, validation, validationLabels, layout.FeatureNames, options);
        var chosen = tried.Take(options.TopSets).Select(t => t.Options).ToList();
        var members = new FraudModel[options.Members];
        Parallel.For(0, members.Length, m =>
        {
            var set = chosen[m % chosen.Count];
            members[m] = ForestTrainer.Train(train, trainLabels.Length, layout.FeatureNames, trainLabels, set with { Seed = set.Seed + m });
        });

        // The cut-offs need the final model's validation scores; the manifest needs the cut-offs: score with a draft.
        var draft = RiskModel.Create(members, Manifest(layout, chosen, options, 0.5f, 1f, labelColumn));
        var validationScores = Scores(draft, validation, layout.Width);
        var threshold = RiskMetrics.BestMacroF1Threshold(validationLabels, validationScores);
        var fraudThreshold = Math.Max(threshold, RiskMetrics.ThresholdForPrecision(validationLabels, validationScores, options.FraudPrecision));
        var model = RiskModel.Create(members, Manifest(layout, chosen, options, threshold, fraudThreshold, labelColumn));
        var trainTime = clock.Elapsed;

        var testScores = Scores(model, test, layout.Width);
        return new RiskTrainingResult(
            model,
            RiskMetrics.Of(validationLabels, validationScores, threshold),
            RiskMetrics.Of(testLabels, testScores, threshold),
            RiskMetrics.AtThreshold(testLabels, testScores, fraudThreshold),
            tried[0].ValidationAuc,
            trainTime);
    }

    private static RiskManifest Manifest(RiskLayout layout, List<ForestTrainingOptions> chosen, RiskTrainingOptions options, float threshold, float fraudThreshold, string labelColumn) => new()
    {
        Format = RiskManifest.CurrentFormat,
        Inputs = layout.Inputs,
        Derived = [.. layout.Derived.Select(d => d.Name)],
        Threshold = threshold,
        FraudThreshold = fraudThreshold,
        FraudPrecision = options.FraudPrecision,
        Members = options.Members,
        Trained = string.Join("; ", chosen.Select(RiskSearch.Describe)) + (options.Members > 1 ? $" ({options.Members} members, seeds averaged)" : ""),
        LabelColumn = labelColumn,
    };

    private static (float[] Rows, float[] Labels) Part(RiskTable table, RiskSplit split, RiskLayout layout, float[] labels, RiskPart part)
    {
        var rows = split.Rows(part);
        var partLabels = rows.Select(r => labels[r]).ToArray();
        var fraud = partLabels.Count(l => l > 0.5f);
        if (fraud == 0 || fraud == partLabels.Length)
            throw new RiskDataException($"{split.Description}: the {part.ToString().ToLowerInvariant()} rows need both fraud and legitimate numbers; they have {fraud} fraud of {partLabels.Length}");
        return (layout.Rows(table, rows), partLabels);
    }

    private static float[] Scores(RiskModel model, float[] rows, int width)
    {
        var scores = new float[rows.Length / width];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = model.Score(rows.AsSpan(i * width, width));
        return scores;
    }
}

/// <summary>A trained risk model and how it did: on the validation rows its cut-offs were chosen on, and on the test rows.</summary>
/// <param name="FraudBand">The test rows' macro-F1, precision and recall at the <c>fraud</c> cut-off.</param>
/// <param name="SearchAuc">The best validation AUC of the search (one seed).</param>
/// <param name="TrainTime">Search, final training and cut-offs.</param>
public sealed record RiskTrainingResult(RiskModel Model, RiskMetrics Validation, RiskMetrics Test, (double MacroF1, double Precision, double Recall) FraudBand, double SearchAuc, TimeSpan TrainTime);
