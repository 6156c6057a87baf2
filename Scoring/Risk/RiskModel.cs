using System.Security.Cryptography;
using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Risk;

/// <summary>
/// A number-risk model: tree ensembles grown by ML.NET (LightGbm or FastTree) over per-number aggregates, compiled
/// into the stream classifier's forest (<see cref="FraudModel"/>), with the feature layout and the cut-offs chosen on
/// validation rows. With several members (bagging) the score is the mean of their log-odds, so the exact TreeSHAP
/// values of the members, averaged, still add up to it.
/// </summary>
/// <remarks>
/// The file is the first member's ML.NET model zip (ML.NET loads it as it is), with FraudStream's entries added:
/// the member's manifest (leaf covers), <c>FraudStream/risk.json</c> and any further members as whole model zips.
/// </remarks>
public sealed class RiskModel
{
    private const string MemberEntry = "FraudStream/members/";

    private readonly FraudModel[] _members;
    private readonly byte[] _file;

    private RiskModel(FraudModel[] members, RiskManifest manifest, byte[] file)
    {
        _members = members;
        Manifest = manifest;
        _file = file;
        Layout = new RiskLayout(manifest.Inputs, manifest.Derived);
        Version = Convert.ToHexStringLower(SHA256.HashData(file).AsSpan(0, 6));
    }

    public RiskLayout Layout { get; }

    /// <summary>Scores at or above it are flagged (a <c>suspect</c> label at least): the best macro-F1 cut-off on validation rows.</summary>
    public float Threshold => Manifest.Threshold;

    /// <summary>Scores at or above it get a <c>fraud</c> label.</summary>
    public float FraudThreshold => Manifest.FraudThreshold;

    /// <summary>The validation precision the fraud band was chosen to reach.</summary>
    public double FraudPrecision => Manifest.FraudPrecision;

    public int Members => _members.Length;

    /// <summary>The trainer and hyper-parameters, in words.</summary>
    public string Trained => Manifest.Trained;

    /// <summary>The first 12 hex digits of the SHA-256 of the file.</summary>
    public string Version { get; }

    internal RiskManifest Manifest { get; }

    internal static RiskModel Create(IReadOnlyList<FraudModel> members, RiskManifest manifest)
    {
        var extra = new List<(string, byte[])> { (RiskManifest.EntryName, manifest.ToJson()) };
        for (var i = 1; i < members.Count; i++)
            extra.Add(($"{MemberEntry}{i}.zip", members[i].Zip.ToArray()));
        return new RiskModel([.. members], manifest, ModelZip.Write(members[0].Zip.ToArray(), extra));
    }

    /// <exception cref="FileNotFoundException">No file there.</exception>
    /// <exception cref="InvalidDataException">Not a risk model; the message says why.</exception>
    public static RiskModel Load(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"No risk model at {path}: train one with `fraudstream risk train`.", path, e);
        }

        try
        {
            var json = ModelZip.ReadEntry(file, RiskManifest.EntryName)
                ?? throw new InvalidDataException($"it has no {RiskManifest.EntryName} (a stream model of `fraudstream train`, not a risk model?)");
            var manifest = RiskManifest.FromJson(json);
            var features = new RiskLayout(manifest.Inputs, manifest.Derived).FeatureNames;
            var members = new FraudModel[manifest.Members];
            members[0] = FraudModel.FromZip(file, features);
            for (var i = 1; i < members.Length; i++)
                members[i] = FraudModel.FromZip(ModelZip.ReadEntry(file, $"{MemberEntry}{i}.zip") ?? throw new InvalidDataException($"member {i} of {members.Length} is missing"), features);
            return new RiskModel(members, manifest, file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is not a risk model FraudStream can score with: {e.Message}", e);
        }
    }

    /// <summary>Writes the file, replacing <paramref name="path"/> atomically.</summary>
    public void Save(string path)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temporary, _file);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The fraud probability of one row in <see cref="Layout"/>.</summary>
    public float Score(ReadOnlySpan<float> row) => (float)(1 / (1 + Math.Exp(-LogOdds(row))));

    /// <summary>Every row of a table (it needs the model's input columns; others are ignored).</summary>
    /// <exception cref="RiskDataException">The table lacks an input column.</exception>
    public float[] Score(RiskTable table)
    {
        var rows = Layout.Rows(table);
        var scores = new float[table.RowCount];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = Score(rows.AsSpan(i * Layout.Width, Layout.Width));
        return scores;
    }

    /// <summary>The mean of the members' log-odds.</summary>
    public double LogOdds(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (var member in _members)
            sum += member.LogOdds(row);
        return sum / _members.Length;
    }

    /// <summary>
    /// Exact TreeSHAP in log-odds: each feature's share, then the base value last; they add up to <see cref="LogOdds"/>.
    /// </summary>
    public void Explain(ReadOnlySpan<float> row, Span<double> contributions)
    {
        if (contributions.Length != Layout.Width + 1)
            throw new ArgumentException($"Contributions take {Layout.Width + 1} elements (the last is the base value), not {contributions.Length}.", nameof(contributions));
        contributions.Clear();
        Span<float> one = stackalloc float[contributions.Length];
        foreach (var member in _members)
        {
            member.PredictContributions(row, one);
            for (var i = 0; i < one.Length; i++)
                contributions[i] += one[i] / (double)_members.Length;
        }
    }

    /// <summary>The features that pushed a row's score up most, strongest first (at most <paramref name="count"/>, positive shares only).</summary>
    public IReadOnlyList<(string Feature, float Value, double Share)> TopReasons(ReadOnlySpan<float> row, int count)
    {
        var contributions = new double[Layout.Width + 1];
        Explain(row, contributions);
        var reasons = new List<(string, float, double)>();
        for (var i = 0; i < Layout.Width; i++)
        {
            if (contributions[i] > 0)
                reasons.Add((Layout.FeatureNames[i], row[i], contributions[i]));
        }

        reasons.Sort(static (a, b) => b.Item3.CompareTo(a.Item3));
        return reasons.Count > count ? reasons.GetRange(0, count) : reasons;
    }
}
