using System.Text.Json;
using System.Text.Json.Serialization;

namespace FraudStream.Scoring.Model;

/// <summary>
/// What FraudStream keeps beside ML.NET's own entries in a model zip (<see cref="EntryName"/>): the feature layout the
/// model was trained on, the trainer, and each leaf's cover (training rows that reached it) for exact explanations,
/// which ML.NET's trees do not store.
/// </summary>
internal sealed record ModelManifest
{
    public const string EntryName = "FraudStream/manifest.json";

    /// <summary>The layout of this file; a model written by a later layout is refused, not misread.</summary>
    public const int CurrentFormat = 1;

    public required int Format { get; init; }

    /// <summary>The trainer that grew the trees (<c>lightgbm</c> or <c>fasttree</c>).</summary>
    public required string Trainer { get; init; }

    /// <summary>Feature names in row order, as <see cref="Features.Feature.Names"/> had them at training.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Training rows per leaf, all trees' leaves in ML.NET's order (tree by tree, leaf by leaf).</summary>
    public required double[] LeafCovers { get; init; }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ManifestJson.Default.ModelManifest);

    /// <exception cref="InvalidDataException">Not a manifest this build can read.</exception>
    public static ModelManifest FromJson(ReadOnlySpan<byte> json)
    {
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestJson.Default.ModelManifest);
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

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;
