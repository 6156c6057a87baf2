using System.Text.Json;
using System.Text.Json.Serialization;

namespace FraudStream.Scoring.Detectors;

/// <summary>Reads and writes <c>thresholds.json</c>: camelCase fields, snake_case enum names, comments allowed, unknown fields refused (a typo must not silently keep a default).</summary>
public static class ThresholdsFile
{
    /// <summary>The shipped file's path relative to the application directory.</summary>
    public const string DefaultRelativePath = "Detectors/thresholds.json";

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    /// <summary>The shipped file beside the application.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, DefaultRelativePath);

    /// <summary>Parses and validates <paramref name="json"/>; on failure returns null and says why in one line.</summary>
    public static Thresholds? TryParse(string json, out string? error)
    {
        Thresholds? thresholds;
        try
        {
            thresholds = JsonSerializer.Deserialize<Thresholds>(json, s_options);
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }

        if (thresholds is null)
        {
            error = "the file holds null, expected an object";
            return null;
        }

        error = thresholds.Validate();
        return error is null ? thresholds : null;
    }

    public static string Serialize(Thresholds thresholds) => JsonSerializer.Serialize(thresholds, s_options);
}
