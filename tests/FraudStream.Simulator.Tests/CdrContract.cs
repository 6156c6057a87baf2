using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FraudStream.Simulator.Tests;

/// <summary>
/// The CDR v1 contract as the carriers' document states it, checked independently of the simulator's writer:
/// exactly the known fields, with their JSON types and value rules.
/// </summary>
internal static partial class CdrContract
{
    private static readonly HashSet<string> s_fields =
        ["recordId", "type", "caller", "callee", "startTime", "ringSec", "durationSec", "answered", "imei", "cellId", "cliRestricted"];

    /// <summary>Parses <paramref name="line"/>; returns null and the first broken rule when it is not a valid CDR v1 record.</summary>
    public static Cdr? Parse(string line, out string? problem)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return Read(doc.RootElement, out problem);
        }
        catch (JsonException e)
        {
            problem = "not JSON: " + e.Message;
            return null;
        }
    }

    public static bool IsE164(string number) => E164().IsMatch(number);

    private static Cdr? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
            return Fail("not an object", out problem);
        foreach (var property in root.EnumerateObject())
        {
            if (!s_fields.Contains(property.Name))
                return Fail("unknown field " + property.Name, out problem);
        }

        if (String(root, "recordId") is not { Length: > 0 and <= 64 } id)
            return Fail("recordId missing or longer than 64", out problem);
        var type = String(root, "type");
        if (type is not ("voice" or "sms"))
            return Fail($"type '{type}'", out problem);
        if (String(root, "caller") is not { } caller || !IsE164(caller))
            return Fail("caller not E.164", out problem);
        if (String(root, "callee") is not { } callee || !IsE164(callee))
            return Fail("callee missing or not E.164", out problem);
        if (String(root, "startTime") is not { } time || !Rfc3339().IsMatch(time)
            || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            return Fail("startTime not RFC 3339 with offset", out problem);
        var ring = Number(root, "ringSec");
        if (ring is not >= 0)
            return Fail("ringSec missing or negative", out problem);

        var duration = Number(root, "durationSec");
        var answered = root.TryGetProperty("answered", out var a) ? a : default;
        if (type == "voice")
        {
            if (duration is not >= 0)
                return Fail("voice durationSec missing or negative", out problem);
            if (answered.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return Fail("voice without boolean answered", out problem);
            if (answered.ValueKind == JsonValueKind.False && duration != 0)
                return Fail("unanswered voice with a duration", out problem);
        }
        else if (duration is not (null or 0))
        {
            return Fail("sms with a duration", out problem);
        }

        var imei = String(root, "imei");
        if (root.TryGetProperty("imei", out _) && (imei is null || !Imei().IsMatch(imei)))
            return Fail("imei not 15 digits", out problem);
        if (root.TryGetProperty("cellId", out var cell) && cell.ValueKind != JsonValueKind.String)
            return Fail("cellId not a string", out problem);
        var restricted = root.TryGetProperty("cliRestricted", out var r) ? r : default;
        if (restricted.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.True or JsonValueKind.False))
            return Fail("cliRestricted not a boolean", out problem);

        return new Cdr(id, type, caller, callee, start, ring ?? 0, duration ?? 0, answered.ValueKind == JsonValueKind.True,
            imei, String(root, "cellId"), restricted.ValueKind == JsonValueKind.True);
    }

    private static string? String(JsonElement root, string name)
        => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static double? Number(JsonElement root, string name)
        => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;

    private static Cdr? Fail(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^\d{15}$")]
    private static partial Regex Imei();
}
