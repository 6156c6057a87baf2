using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FraudStream.Simulator;

/// <summary>How much of one kind of fraud to play: <c>kind=count[:intensity]</c> on the command line.</summary>
/// <param name="Kind">The fraud kind.</param>
/// <param name="Count">Number of independent actors (rings, dialers, SIM boxes, ...); 0 turns the kind off.</param>
/// <param name="Intensity">Multiplies each actor's activity (calls per hour, recipients per flood, ...); 1 is the default.</param>
public readonly record struct FraudSpec(FraudKind Kind, int Count, double Intensity)
{
    public const int MaxCount = 10_000;
    public const double MaxIntensity = 100;

    /// <summary>Parses <c>kind=count</c> or <c>kind=count:intensity</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out FraudSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var name = eq < 0 ? text : text[..eq];
        if (!FraudKinds.TryParse(name, out var kind))
        {
            error = $"'{text}': unknown fraud kind '{name}' (expected {FraudKinds.NameList})";
            return false;
        }

        var value = eq < 0 ? "" : text[(eq + 1)..];
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var countText = colon < 0 ? value : value[..colon];
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxCount)
        {
            error = $"'{text}': expected {name}=count[:intensity] with count from 0 to {MaxCount}";
            return false;
        }

        var intensity = 1.0;
        if (colon >= 0
            && (!double.TryParse(value.AsSpan(colon + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out intensity)
                || intensity <= 0 || intensity > MaxIntensity))
        {
            error = $"'{text}': intensity must be a number above 0 and at most {MaxIntensity}";
            return false;
        }

        spec = new FraudSpec(kind, count, intensity);
        error = null;
        return true;
    }
}
