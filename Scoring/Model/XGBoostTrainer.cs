using System.Globalization;

namespace FraudStream.Scoring.Model;

/// <summary>Trains an <see cref="XGBoostModel"/> from labelled rows of features.</summary>
public static class XGBoostTrainer
{
    /// <summary>
    /// Grows <see cref="XGBoostTrainingOptions.Rounds"/> trees on the rows (histogram method). The same rows,
    /// labels and options give a byte-identical model.
    /// </summary>
    /// <param name="rowsRowMajor">The rows one after the other, <paramref name="featureCount"/> values each; NaN is a missing value.</param>
    /// <param name="rowCount">How many rows.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="labels">One label per row: 1 for fraud, 0 otherwise.</param>
    /// <param name="options">How to grow the trees.</param>
    /// <exception cref="XGBoostException">XGBoost rejected the data or an option.</exception>
    public static unsafe XGBoostModel Train(
        ReadOnlySpan<float> rowsRowMajor, int rowCount, int featureCount, ReadOnlySpan<float> labels, XGBoostTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (rowsRowMajor.Length != (long)rowCount * featureCount)
            throw new ArgumentException($"Got {rowsRowMajor.Length} feature values for {rowCount} rows of {featureCount} features.", nameof(rowsRowMajor));
        if (labels.Length != rowCount)
            throw new ArgumentException($"Got {labels.Length} labels for {rowCount} rows.", nameof(labels));
        options.Validate();
        XGBoostLoader.EnsureLoaded();

        DMatrixSafeHandle matrix;
        fixed (float* rows = rowsRowMajor)
            XGBoostNative.Check(XGBoostNative.XGDMatrixCreateFromMat(rows, (ulong)rowCount, (ulong)featureCount, float.NaN, out matrix), "XGDMatrixCreateFromMat");

        using (matrix)
        {
            fixed (float* label = labels)
                XGBoostNative.Check(XGBoostNative.XGDMatrixSetFloatInfo(matrix, "label", label, (ulong)rowCount), "XGDMatrixSetFloatInfo(label)");

            var cached = matrix.DangerousGetHandle();
            XGBoostNative.Check(XGBoostNative.XGBoosterCreate(&cached, 1, out var booster), "XGBoosterCreate");
            using (booster)
            {
                SetParam(booster, "objective", options.Objective);
                SetParam(booster, "eval_metric", options.EvalMetric);
                SetParam(booster, "tree_method", "hist");
                SetParam(booster, "max_depth", Format(options.MaxDepth));
                SetParam(booster, "eta", options.Eta.ToString("R", CultureInfo.InvariantCulture));
                SetParam(booster, "seed", Format(options.Seed));
                SetParam(booster, "nthread", Format(options.Threads));
                if (options.ScalePosWeight is { } weight)
                    SetParam(booster, "scale_pos_weight", weight.ToString("R", CultureInfo.InvariantCulture));

                for (var round = 0; round < options.Rounds; round++)
                    XGBoostNative.Check(XGBoostNative.XGBoosterUpdateOneIter(booster, round, matrix), "XGBoosterUpdateOneIter");

                // Reloading from JSON leaves the training caches behind and makes the trained model the
                // same object, with the same Version, as the one a scorer later loads from the saved file.
                return XGBoostModel.FromJson(XGBoostModel.ToJson(booster), threads: 1);
            }
        }
    }

    private static void SetParam(BoosterSafeHandle booster, string name, string value)
        => XGBoostNative.Check(XGBoostNative.XGBoosterSetParam(booster, name, value), $"XGBoosterSetParam({name}={value})");

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
