using System.Text.Json;
using System.Text.Json.Serialization;

namespace FraudStream.Scoring.Risk;

/// <summary>
/// What a risk model keeps beside the ML.NET model in its zip (<see cref="EntryName"/>): the feature layout, the two
/// cut-offs chosen on validation rows, how many bagged members it averages, and how it was trained and measured.
/// </summary>
internal sealed record RiskManifest
{
    public const string EntryName = "FraudStream/risk.json";

    /// <summary>The layout of this file; a model written by a later layout is refused, not misread.</summary>
    public const int CurrentFormat = 1;

    public required int Format { get; init; }

    /// <summary>Table columns, by name, in row order.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Ratios of inputs (<see cref="DerivedFeature"/>) after them.</summary>
    public required IReadOnlyList<string> Derived { get; init; }

    /// <summary>Scores at or above it are fraud-like: the cut-off with the best macro-F1 on validation rows. Below <see cref="FraudThreshold"/>, a <c>suspect</c> label.</summary>
    public required float Threshold { get; init; }

    /// <summary>Scores at or above it get a <c>fraud</c> label: the lowest cut-off whose validation precision reached <see cref="FraudPrecision"/>.</summary>
    public required float FraudThreshold { get; init; }

    public required double FraudPrecision { get; init; }

    /// <summary>How many models, grown with different seeds, the score averages (in log-odds).</summary>
    public required int Members { get; init; }

    /// <summary>The trainer and the hyper-parameters chosen on validation rows, in words.</summary>
    public required string Trained { get; init; }

    public required string LabelColumn { get; init; }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, RiskManifestJson.Default.RiskManifest);

    /// <exception cref="InvalidDataException">Not a manifest this build can read.</exception>
    public static RiskManifest FromJson(ReadOnlySpan<byte> json)
    {
        RiskManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, RiskManifestJson.Default.RiskManifest);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"its {EntryName} is not valid ({e.Message})", e);
        }

        if (manifest is null)
            throw new InvalidDataException($"its {EntryName} is empty");
        if (manifest.Format != CurrentFormat)
            throw new InvalidDataException($"its {EntryName} has format {manifest.Format}; this FraudStream reads format {CurrentFormat}");
        return manifest;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RiskManifest))]
internal sealed partial class RiskManifestJson : JsonSerializerContext;
