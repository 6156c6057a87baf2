using System.Security.Cryptography;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Model;

/// <summary>
/// The fraud classifier: an ML.NET tree ensemble (LightGbm or FastTree) with its Platt calibrator, trained by
/// <c>fraudstream train</c> and shipped as an ML.NET model zip. Loading reads the trees out of the ML.NET model and
/// compiles them (<see cref="CompiledForest"/>); scoring runs on the compiled forest, which gives ML.NET's
/// <c>PredictionEngine</c> probabilities without allocating; explanations are exact TreeSHAP over the same trees.
/// </summary>
/// <remarks>Immutable once loaded: predictions and explanations may run from any number of threads at once.</remarks>
public sealed class FraudModel
{
    private const int VersionBytes = 6;

    private readonly CompiledForest _forest;
    private readonly double _slope;
    private readonly double _offset;
    private readonly byte[] _zip;

    private FraudModel(CompiledForest forest, double slope, double offset, ModelManifest manifest, byte[] zip)
    {
        _forest = forest;
        _slope = slope;
        _offset = offset;
        _zip = zip;
        Trainer = manifest.Trainer;
        FeatureNames = manifest.Features;
        Version = Convert.ToHexStringLower(SHA256.HashData(zip).AsSpan(0, VersionBytes));
    }

    /// <summary>How many features a row has: the row width <see cref="PredictBatch"/> expects.</summary>
    public int FeatureCount => _forest.FeatureCount;

    /// <summary>The features in row order, as the model was trained on them.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The trainer that grew the trees: <c>lightgbm</c> or <c>fasttree</c>.</summary>
    public string Trainer { get; }

    /// <summary>How many trees the ensemble has.</summary>
    public int TreeCount => _forest.TreeCount;

    /// <summary>
    /// The first 12 hex digits of the SHA-256 of the model file: alerts carry it so a decision can be traced to the
    /// model that made it. The same file always has the same version; training writes the same bytes for the same seed.
    /// </summary>
    public string Version { get; }

    internal CompiledForest Forest => _forest;

    /// <summary>The Platt calibrator's slope: negative when a higher margin means a higher probability.</summary>
    internal double Slope => _slope;

    /// <summary>The model file's bytes, as <see cref="Save"/> writes them.</summary>
    internal ReadOnlySpan<byte> Zip => _zip;

    /// <summary>Loads a model zip written by <c>fraudstream train</c>.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="features">The layout rows will have; by default this build's <see cref="Feature.Names"/>.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a model FraudStream can score with; the message says why.</exception>
    public static FraudModel Load(string path, IReadOnlyList<string>? features = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] zip;
        try
        {
            zip = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"No model at {path}: train one with `fraudstream train`.", path, e);
        }

        try
        {
            return FromZip(zip, features ?? Feature.Names);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is not a model FraudStream can score with: {e.Message}. Train one with `fraudstream train`.", e);
        }
    }

    /// <summary>Compiles a model zip; <paramref name="features"/> is the row layout the caller will score.</summary>
    internal static FraudModel FromZip(byte[] zip, IReadOnlyList<string> features)
    {
        var manifest = ModelZip.ReadManifest(zip);
        if (!manifest.Features.SequenceEqual(features, StringComparer.Ordinal))
            throw new InvalidDataException(FeatureMismatch(manifest.Features, features));

        var (forest, slope, offset) = MlNetEnsemble.Compile(zip, features.Count);
        return new FraudModel(forest.WithLeafCovers(manifest.LeafCovers), slope, offset, manifest, zip);
    }

    /// <summary>
    /// Writes the model zip, replacing <paramref name="path"/> atomically so a scorer loading it never reads half a file.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"A model is saved as an ML.NET model zip: the path must end in .zip, not '{Path.GetFileName(path)}'.", nameof(path));

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temporary, _zip);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Scores <paramref name="rowCount"/> rows in one pass, without allocating. A missing feature is <see cref="float.NaN"/>.
    /// </summary>
    /// <param name="rowsRowMajor">The rows one after the other, <see cref="FeatureCount"/> values each.</param>
    /// <param name="rowCount">How many rows.</param>
    /// <param name="probabilities">Receives the fraud probability of each row in its first <paramref name="rowCount"/> elements.</param>
    /// <exception cref="ArgumentException">The rows do not have <see cref="FeatureCount"/> values each, or the output is too short.</exception>
    public void PredictBatch(ReadOnlySpan<float> rowsRowMajor, int rowCount, Span<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var width = FeatureCount;
        if (rowsRowMajor.Length != (long)rowCount * width)
            throw new ArgumentException($"Got {rowsRowMajor.Length} feature values for {rowCount} row(s); the model expects {width} features per row ({(long)rowCount * width} values).");
        if (probabilities.Length < rowCount)
            throw new ArgumentException($"The output holds {probabilities.Length} elements, fewer than the {rowCount} rows.", nameof(probabilities));

        for (var i = 0; i < rowCount; i++)
            probabilities[i] = Probability(_forest.Margin(rowsRowMajor.Slice(i * width, width)));
    }

    /// <summary>Scores one row.</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> values.</exception>
    public float PredictOne(ReadOnlySpan<float> row)
    {
        Span<float> probability = stackalloc float[1];
        PredictBatch(row, 1, probability);
        return probability[0];
    }

    /// <summary>
    /// Explains the score of one row in log-odds: each feature's exact SHAP value, then the base value last; they sum
    /// to the log-odds of <see cref="PredictOne"/>'s probability. Allocation-free; meant for rows that alert.
    /// </summary>
    /// <param name="row"><see cref="FeatureCount"/> values.</param>
    /// <param name="contributions">Exactly <see cref="FeatureCount"/> + 1 elements.</param>
    public void PredictContributions(ReadOnlySpan<float> row, Span<float> contributions)
    {
        var outputs = FeatureCount + 1;
        if (contributions.Length != outputs)
            throw new ArgumentException($"Contributions take FeatureCount + 1 = {outputs} elements (the last is the base value), not {contributions.Length}.", nameof(contributions));
        Span<double> margin = stackalloc double[outputs];
        ExplainMargin(row, margin);

        // The calibrator maps a margin m to 1 / (1 + exp(slope * m + offset)): log-odds -(slope * m + offset), linear in m.
        for (var i = 0; i < outputs - 1; i++)
            contributions[i] = (float)(-_slope * margin[i]);
        contributions[^1] = (float)((-_slope * margin[^1]) - _offset);
    }

    /// <summary>
    /// The calibrated log-odds of one row, <c>log(p / (1 - p))</c> of <see cref="PredictOne"/>'s probability without its
    /// rounding to float: what <see cref="PredictContributions"/> adds up to, and what averaging models averages.
    /// </summary>
    internal double LogOdds(ReadOnlySpan<float> row) => -((_slope * (float)_forest.Margin(row)) + _offset);

    /// <summary>TreeSHAP in the trees' own units: base value (last) + contributions = <see cref="CompiledForest.Margin"/>.</summary>
    internal void ExplainMargin(ReadOnlySpan<float> row, Span<double> contributions)
    {
        if (row.Length != FeatureCount)
            throw new ArgumentException($"Got {row.Length} feature values; the model expects {FeatureCount}.", nameof(row));
        contributions.Clear();
        TreeShap.Explain(_forest, row, contributions);
    }

    // As ML.NET's BinaryPredictionTransformer: the ensemble's double output cast to the float score, then the Platt
    // calibrator in double (PlattCalibrator.PredictProbability).
    private float Probability(double margin)
    {
        var score = (float)margin;
        return float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp((_slope * score) + _offset)));
    }

    private static string FeatureMismatch(IReadOnlyList<string> trained, IReadOnlyList<string> expected)
    {
        if (trained.Count != expected.Count)
            return $"it was trained on {trained.Count} features and this FraudStream computes {expected.Count}";
        var first = Enumerable.Range(0, trained.Count).First(i => trained[i] != expected[i]);
        return $"it was trained on another feature layout (feature {first} is '{trained[first]}', this FraudStream computes '{expected[first]}')";
    }
}
