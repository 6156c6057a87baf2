using System.Security.Cryptography;

namespace FraudStream.Scoring.Model;

/// <summary>
/// A trained XGBoost binary classifier (objective <c>binary:logistic</c>) held by libxgboost: load it from
/// the JSON file <c>fraudstream train</c> writes, score rows of features with it, explain a score.
/// </summary>
/// <remarks>
/// Predictions may run from several threads at once: XGBoost documents prediction on tree boosters as
/// thread-safe since 1.4, and each thread gets its own result buffer. <see cref="Save"/> and
/// <see cref="Dispose"/> are not prediction; disposing while another thread predicts makes that
/// prediction throw <see cref="ObjectDisposedException"/> (the handle is reference-counted), never crash.
/// </remarks>
public sealed partial class XGBoostModel : IDisposable
{
    private const int VersionBytes = 6;

    private readonly BoosterSafeHandle _booster;
    private readonly int _featureCount;

    private XGBoostModel(BoosterSafeHandle booster, int featureCount, string version)
    {
        _booster = booster;
        _featureCount = featureCount;
        Version = version;
    }

    /// <summary>How many features a row has: the row width <see cref="PredictBatch"/> expects.</summary>
    public int FeatureCount => _featureCount;

    /// <summary>
    /// The first 12 hex digits of the SHA-256 of the model's JSON file: alerts carry it so a decision can be
    /// traced to the model that made it. The same model file always has the same version.
    /// </summary>
    public string Version { get; private set; }

    /// <summary>Loads a model saved by <see cref="Save"/> (or by any XGBoost 1.x as JSON).</summary>
    /// <param name="path">The model file.</param>
    /// <param name="threads">
    /// Threads XGBoost may use inside one prediction call. 1 by default: the pipeline predicts from one
    /// worker per partition in parallel, and more threads per call would only contend for the same cores.
    /// </param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a usable XGBoost binary classifier.</exception>
    /// <exception cref="DllNotFoundException">libxgboost is not installed; the message says how to install it.</exception>
    public static XGBoostModel Load(string path, int threads = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        XGBoostLoader.EnsureLoaded();

        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"No model at {path}: train one with `fraudstream train`.", path, e);
        }

        try
        {
            return FromJson(json, threads);
        }
        catch (Exception e) when (e is XGBoostException or InvalidDataException)
        {
            throw new InvalidDataException($"{path} is not a usable XGBoost model ({FirstLine(e.Message)}): train one with `fraudstream train`.", e);
        }
    }

    /// <summary>
    /// Writes the model in XGBoost's JSON format, replacing <paramref name="path"/> atomically so a scorer
    /// reloading it never reads half a file, and sets <see cref="Version"/> to the hash of what was written.
    /// Not for use while other threads predict with this model.
    /// </summary>
    /// <param name="path">The file to write; it must end in <c>.json</c>.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"A model is saved as XGBoost JSON: the path must end in .json, not '{Path.GetFileName(path)}'.", nameof(path));

        var json = ToJson(_booster);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);

        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temporary, json);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        Version = ComputeVersion(json);
    }

    public void Dispose() => _booster.Dispose();

    /// <summary>Builds a model from XGBoost JSON: used by <see cref="Load"/> and by the trainer (so a trained model drops its training state).</summary>
    internal static unsafe XGBoostModel FromJson(byte[] json, int threads)
    {
        // Only JSON is accepted: XGBoost's legacy binary reader trusts the lengths it reads, so a random file
        // must not reach it.
        var start = json.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
            throw new InvalidDataException("the file is empty");
        if (json[start] != (byte)'{')
            throw new InvalidDataException("the file is not JSON");

        XGBoostNative.Check(XGBoostNative.XGBoosterCreate(null, 0, out var booster), "XGBoosterCreate");
        try
        {
            fixed (byte* data = json)
                XGBoostNative.Check(XGBoostNative.XGBoosterLoadModelFromBuffer(booster, data, (ulong)json.Length), "XGBoosterLoadModelFromBuffer");
            XGBoostNative.Check(XGBoostNative.XGBoosterSetParam(booster, "nthread", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)), "XGBoosterSetParam(nthread)");
            XGBoostNative.Check(XGBoostNative.XGBoosterGetNumFeature(booster, out var features), "XGBoosterGetNumFeature");
            if (features is 0 or > int.MaxValue)
                throw new InvalidDataException($"the model has {features} features");

            var model = new XGBoostModel(booster, (int)features, ComputeVersion(json));
            model.WarmUp();
            return model;
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    internal static unsafe byte[] ToJson(BoosterSafeHandle booster)
    {
        fixed (byte* config = "{\"format\":\"json\"}\0"u8)
        {
            XGBoostNative.Check(XGBoostNative.XGBoosterSaveModelToBuffer(booster, config, out var length, out var data), "XGBoosterSaveModelToBuffer");
            return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
        }
    }

    private static string ComputeVersion(byte[] json)
        => Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, VersionBytes));

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end].TrimEnd();
    }
}
