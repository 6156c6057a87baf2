namespace FraudStream.Scoring.Engine;

/// <summary>The model and the rule thresholds the service scores with. Bound from the <c>Scoring</c> section.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>
    /// The ML.NET model zip from <c>fraudstream train</c>. Relative paths are looked up in the working
    /// directory, then beside the executable (where the shipped default model is). Empty: rules only.
    /// </summary>
    public string ModelPath { get; set; } = "models/default-model.zip";

    /// <summary>The rule thresholds file, re-read while running. Relative paths as for <see cref="ModelPath"/>.</summary>
    public string ThresholdsPath { get; set; } = "Detectors/thresholds.json";

    /// <summary>Resolves a configured path: as given if rooted or present in the working directory, else beside the executable.</summary>
    public static string Resolve(string path)
        => Path.IsPathRooted(path) || File.Exists(path) ? Path.GetFullPath(path) : Path.Combine(AppContext.BaseDirectory, path);

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ThresholdsPath))
            return "Scoring:ThresholdsPath is empty";
        return null;
    }
}
