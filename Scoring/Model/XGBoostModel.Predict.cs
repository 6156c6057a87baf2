using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FraudStream.Scoring.Model;

public sealed partial class XGBoostModel
{
    // {"data":[<20 digits>,true],"shape":[<10 digits>,<10 digits>],"typestr":"<f4","version":3} + NUL is 97 bytes.
    private const int ArrayInterfaceCapacity = 128;

    // XGBoost 1.7's in-place prediction fails without "cache_id"; NaN marks a missing feature.
    private static ReadOnlySpan<byte> PredictConfig =>
        "{\"type\":0,\"training\":false,\"iteration_begin\":0,\"iteration_end\":0,\"strict_shape\":false,\"cache_id\":0,\"missing\":NaN}\0"u8;

    // Type 2: exact SHAP values (TreeSHAP), one per feature plus the bias.
    private static ReadOnlySpan<byte> ContributionsConfig =>
        "{\"type\":2,\"training\":false,\"iteration_begin\":0,\"iteration_end\":0,\"strict_shape\":false}\0"u8;

    /// <summary>
    /// Scores <paramref name="rowCount"/> rows in one call into XGBoost, without allocating managed memory.
    /// A missing feature is <see cref="float.NaN"/>.
    /// </summary>
    /// <param name="rowsRowMajor">The rows one after the other, <see cref="FeatureCount"/> values each.</param>
    /// <param name="rowCount">How many rows.</param>
    /// <param name="probabilities">Receives the fraud probability of each row in its first <paramref name="rowCount"/> elements.</param>
    /// <exception cref="ArgumentException">The rows do not have <see cref="FeatureCount"/> values each, or the output is too short.</exception>
    public unsafe void PredictBatch(ReadOnlySpan<float> rowsRowMajor, int rowCount, Span<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (rowsRowMajor.Length != (long)rowCount * _featureCount)
            ThrowRowsDoNotMatch(rowsRowMajor.Length, rowCount);
        if (probabilities.Length < rowCount)
            ThrowOutputTooShort(nameof(probabilities), probabilities.Length, rowCount);
        if (rowCount == 0)
            return;

        var arrayInterface = stackalloc byte[ArrayInterfaceCapacity];
        fixed (float* rows = rowsRowMajor)
        fixed (byte* config = PredictConfig)
        {
            WriteArrayInterface(new Span<byte>(arrayInterface, ArrayInterfaceCapacity), rows, rowCount, _featureCount);
            if (XGBoostNative.XGBoosterPredictFromDense(_booster, arrayInterface, config, IntPtr.Zero, out var shape, out var dimensions, out var result) != 0)
                XGBoostNative.ThrowLastError("XGBoosterPredictFromDense");
            if (OutputLength(shape, dimensions) != (ulong)rowCount)
                ThrowNotBinary(OutputLength(shape, dimensions), rowCount);
            new ReadOnlySpan<float>(result, rowCount).CopyTo(probabilities);
        }
    }

    /// <summary>Scores one row (one call into XGBoost per row: prefer <see cref="PredictBatch"/>).</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public float PredictOne(ReadOnlySpan<float> row)
    {
        Span<float> probability = stackalloc float[1];
        PredictBatch(row, 1, probability);
        return probability[0];
    }

    /// <summary>
    /// Explains the score of one row: each feature's SHAP value (its additive share of the raw margin, the
    /// log-odds), then the bias last. They sum to the log-odds of <see cref="PredictOne"/>'s probability.
    /// Allocates: meant for flagged events only.
    /// </summary>
    /// <param name="row"><see cref="FeatureCount"/> values.</param>
    /// <param name="contributions">Exactly <see cref="FeatureCount"/> + 1 elements.</param>
    public unsafe void PredictContributions(ReadOnlySpan<float> row, Span<float> contributions)
    {
        if (row.Length != _featureCount)
            ThrowRowsDoNotMatch(row.Length, 1);
        var outputs = _featureCount + 1;
        if (contributions.Length != outputs)
            throw new ArgumentException($"Contributions take FeatureCount + 1 = {outputs} elements (the last is the bias), not {contributions.Length}.", nameof(contributions));

        DMatrixSafeHandle matrix;
        fixed (float* data = row)
            XGBoostNative.Check(XGBoostNative.XGDMatrixCreateFromMat(data, 1, (ulong)_featureCount, float.NaN, out matrix), "XGDMatrixCreateFromMat");

        using (matrix)
        fixed (byte* config = ContributionsConfig)
        {
            XGBoostNative.Check(XGBoostNative.XGBoosterPredictFromDMatrix(_booster, matrix, config, out var shape, out var dimensions, out var result), "XGBoosterPredictFromDMatrix");
            var length = OutputLength(shape, dimensions);
            if (length != (ulong)outputs)
                throw new XGBoostException($"XGBoost returned {length} contributions for a model of {_featureCount} features; FraudStream needs a binary classifier.");
            new ReadOnlySpan<float>(result, outputs).CopyTo(contributions);
        }
    }

    /// <summary>
    /// XGBoost configures a loaded booster lazily, on its first prediction; doing that here, before the
    /// model is shared, keeps the configuration off the concurrent path and checks the model is binary.
    /// </summary>
    private void WarmUp()
    {
        var row = new float[_featureCount];
        Array.Fill(row, float.NaN);
        PredictOne(row);
    }

    private static unsafe void WriteArrayInterface(Span<byte> destination, float* rows, int rowCount, int featureCount)
    {
        // numpy's __array_interface__ (version 3): the data pointer as an integer, read-only, little-endian
        // float32. Written piece by piece: Utf8.TryWrite's interpolation allocates 72 bytes per call.
        var at = 0;
        Append(destination, ref at, "{\"data\":["u8);
        ((ulong)rows).TryFormat(destination[at..], out var written, default, CultureInfo.InvariantCulture);
        at += written;
        Append(destination, ref at, ",true],\"shape\":["u8);
        rowCount.TryFormat(destination[at..], out written, default, CultureInfo.InvariantCulture);
        at += written;
        Append(destination, ref at, ","u8);
        featureCount.TryFormat(destination[at..], out written, default, CultureInfo.InvariantCulture);
        at += written;
        Append(destination, ref at, "],\"typestr\":\"<f4\",\"version\":3}\0"u8);
    }

    private static void Append(Span<byte> destination, ref int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[at..]);
        at += text.Length;
    }

    private static unsafe ulong OutputLength(ulong* shape, ulong dimensions)
    {
        ulong length = 1;
        for (ulong i = 0; i < dimensions; i++)
            length *= shape[i];
        return length;
    }

    [DoesNotReturn]
    private void ThrowRowsDoNotMatch(int values, int rowCount)
        => throw new ArgumentException(
            $"Got {values} feature values for {rowCount} row(s); the model expects {_featureCount} features per row ({(long)rowCount * _featureCount} values).");

    [DoesNotReturn]
    private static void ThrowOutputTooShort(string name, int length, int rowCount)
        => throw new ArgumentException($"The output holds {length} elements, fewer than the {rowCount} rows.", name);

    [DoesNotReturn]
    private static void ThrowNotBinary(ulong outputs, int rowCount)
        => throw new XGBoostException($"XGBoost returned {outputs} predictions for {rowCount} row(s); FraudStream needs a binary classifier (one probability per row).");
}
