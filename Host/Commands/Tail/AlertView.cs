using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Host.Commands.Tail;

/// <summary>
/// What <c>fraudstream tail</c> reads of an alert v1 value (docs/contracts/alert-v1.md): the fields it shows
/// and filters on. It is lenient where the contract may grow (unknown kinds and reason codes are shown as
/// they are) and strict where it needs a value: a missing or mistyped field it uses makes the value malformed.
/// </summary>
internal sealed record AlertView(
    string AlertId,
    DateTimeOffset Time,
    string Kind,
    bool Victim,
    string Number,
    IReadOnlyList<string> Counterparts,
    string Action,
    Severity Severity,
    double Score,
    IReadOnlyList<(string Code, string Detail)> Reasons,
    IReadOnlyList<(string Feature, double Contribution)> Explanation,
    bool Degraded,
    long SuppressedCount)
{
    /// <summary>Reads one value; on failure <paramref name="error"/> says what is wrong, in a few words.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> value, [NotNullWhen(true)] out AlertView? alert, [NotNullWhen(false)] out string? error)
    {
        alert = null;
        try
        {
            using var document = JsonDocument.Parse(value);
            alert = Read(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 1."; the position is noise here.
            var message = e.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            error = "not JSON: " + (position > 0 ? message[..position] : message);
        }
        catch (FormatException e)
        {
            error = e.Message;
        }

        return false;
    }

    private static AlertView Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected a JSON object, got {root.ValueKind}");

        var time = StringField(root, "time");
        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw new FormatException($"time: '{time}' is not an RFC 3339 time");
        var severity = StringField(root, "severity");
        if (!AlertSeverities.TryParse(severity, out var level))
            throw new FormatException($"severity: '{severity}' is not one of {string.Join(", ", AlertSeverities.Names)}");

        var counterparts = new List<string>();
        foreach (var item in ArrayField(root, "counterparts"))
            counterparts.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException("counterparts: expected strings"));

        var reasons = new List<(string, string)>();
        foreach (var item in ArrayField(root, "reasons"))
            reasons.Add((StringField(item, "code", "reasons[]."), StringField(item, "detail", "reasons[].")));

        var explanation = new List<(string, double)>();
        if (root.TryGetProperty("explanation", out _))
        {
            foreach (var item in ArrayField(root, "explanation"))
                explanation.Add((StringField(item, "feature", "explanation[]."), NumberField(item, "contribution", "explanation[].")));
        }

        return new AlertView(
            StringField(root, "alertId"),
            at,
            StringField(root, "kind"),
            root.TryGetProperty("role", out _) && StringField(root, "role") == "victim",
            StringField(root, "number"),
            counterparts,
            StringField(root, "action"),
            level,
            NumberField(root, "score"),
            reasons,
            explanation,
            root.TryGetProperty("degraded", out var degraded) && degraded.ValueKind == JsonValueKind.True,
            root.TryGetProperty("suppressedCount", out var suppressed) && suppressed.TryGetInt64(out var count) ? count : 0);
    }

    private static string StringField(JsonElement parent, string name, string prefix = "")
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
            throw new FormatException($"{prefix}{name}: missing");
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{prefix}{name}: expected a string");
    }

    private static double NumberField(JsonElement parent, string name, string prefix = "")
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
            throw new FormatException($"{prefix}{name}: missing");
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new FormatException($"{prefix}{name}: expected a number");
    }

    private static JsonElement.ArrayEnumerator ArrayField(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
            throw new FormatException($"{name}: missing");
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"{name}: expected an array");
    }
}
