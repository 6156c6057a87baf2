using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Tests.Contracts;

/// <summary>
/// The rules of docs/contracts/alert-v1.md, by hand (no JSON Schema validator is available here): every
/// problem of one alert value, as lines naming the field. Empty means the alert keeps the contract.
/// </summary>
internal static partial class AlertV1Checker
{
    public const string CalleeTopic = "fraud.cdr-by-callee.v1";

    /// <summary>The fields in contract order; <c>explanation</c> is the only optional one.</summary>
    public static readonly string[] Fields =
    [
        "alertId", "time", "eventTime", "kind", "role", "number", "counterparts", "action", "severity", "score",
        "reasons", "explanation", "recordId", "source", "modelVersion", "degraded", "suppressedCount",
    ];

    public static readonly string[] Kinds = [.. FraudKinds.All.Select(k => k.ToWire())];

    public static readonly string[] CalleeSideKinds = ["call_bombing", "victim_warning", "overseas_blocked"];

    /// <summary>Kinds raised by the callee stage about the caller (a suspect read from the re-keyed topic).</summary>
    public static readonly string[] CalleeStageSuspectKinds = ["scam"];

    public static readonly string[] Actions = ["label", "warn", "block"];

    public static readonly string[] Severities = ["low", "medium", "high", "critical"];

    public static List<string> Check(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return ["not JSON: " + e.Message];
        }

        using (document)
            return Check(document.RootElement);
    }

    public static List<string> Check(JsonElement alert)
    {
        var problems = new List<string>();
        if (alert.ValueKind != JsonValueKind.Object)
            return [$"expected an object, got {alert.ValueKind}"];

        CheckOrder(alert, problems);
        var kind = Enum(alert, "kind", Kinds, problems);
        var recordId = String(alert, "recordId", problems);
        if (recordId is { Length: 0 or > 64 })
            problems.Add("recordId: expected 1 to 64 characters");

        if (String(alert, "alertId", problems) is { } alertId)
        {
            if (!LowerHex32().IsMatch(alertId))
                problems.Add($"alertId: '{alertId}' is not 32 lowercase hex characters");
            else if (kind is not null && recordId is not null && alertId != ExpectedAlertId(recordId, kind))
                problems.Add($"alertId: '{alertId}' is not SHA-256(recordId + \"\\n\" + kind)[0..16] = {ExpectedAlertId(recordId, kind)}");
        }

        UtcTime(alert, "time", problems);
        UtcTime(alert, "eventTime", problems);

        var calleeSide = kind is not null && CalleeSideKinds.Contains(kind);
        if (Enum(alert, "role", ["suspect", "victim"], problems) is { } role && kind is not null && role != (calleeSide ? "victim" : "suspect"))
            problems.Add($"role: '{role}' for kind {kind}, expected {(calleeSide ? "victim" : "suspect")}");

        var number = String(alert, "number", problems);
        E164("number", number, problems);
        if (Array(alert, "counterparts", problems) is { } counterparts)
        {
            if (counterparts.Count == 0)
                problems.Add("counterparts: empty, expected at least one number");
            var seen = new HashSet<string>();
            foreach (var item in counterparts)
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
                E164("counterparts[]", text, problems);
                if (text is not null && !seen.Add(text))
                    problems.Add($"counterparts: {text} twice");
                if (text is not null && number is not null && IsPseudonym(text) != IsPseudonym(number))
                    problems.Add($"counterparts: '{text}' and number '{number}' mix E.164 and pseudonyms; a pseudonymised alert pseudonymises every number");
            }
        }

        Enum(alert, "action", Actions, problems);
        Enum(alert, "severity", Severities, problems);
        if (Number(alert, "score", problems) is { } score && score is < 0 or > 1)
            problems.Add($"score: {score.ToString(CultureInfo.InvariantCulture)} is outside 0..1");

        CheckReasons(alert, problems);
        CheckExplanation(alert, kind, problems);
        CheckSource(alert, calleeSide || (kind is not null && CalleeStageSuspectKinds.Contains(kind)), problems);

        if (alert.TryGetProperty("modelVersion", out var model)
            && model.ValueKind != JsonValueKind.Null
            && (model.ValueKind != JsonValueKind.String || !ModelHash().IsMatch(model.GetString()!)))
            problems.Add($"modelVersion: expected null or 8-64 lowercase hex characters, got {model.GetRawText()}");

        if (alert.TryGetProperty("degraded", out var degraded) && degraded.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            problems.Add($"degraded: expected true or false, got {degraded.GetRawText()}");
        NonNegativeInteger(alert, "suppressedCount", problems);
        return problems;
    }

    public static string ExpectedAlertId(string recordId, string kind)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recordId + "\n" + kind)).AsSpan(0, 16));

    private static void CheckOrder(JsonElement alert, List<string> problems)
    {
        var names = alert.EnumerateObject().Select(p => p.Name).ToList();
        foreach (var name in names.Where(n => !Fields.Contains(n)))
            problems.Add($"{name}: not a field of alert v1");
        foreach (var name in Fields.Where(f => f != "explanation" && !names.Contains(f)))
            problems.Add($"{name}: missing");
        foreach (var name in names.GroupBy(n => n).Where(g => g.Count() > 1))
            problems.Add($"{name.Key}: appears {name.Count()} times");

        var known = names.Where(Fields.Contains).ToList();
        var ordered = known.OrderBy(n => System.Array.IndexOf(Fields, n)).ToList();
        if (!known.SequenceEqual(ordered))
            problems.Add($"field order: {string.Join(", ", known)}; expected {string.Join(", ", ordered)}");
    }

    private static void CheckReasons(JsonElement alert, List<string> problems)
    {
        if (Array(alert, "reasons", problems) is not { } reasons)
            return;
        if (reasons.Count == 0)
            problems.Add("reasons: empty, expected at least one");
        foreach (var reason in reasons)
        {
            if (!HasExactly(reason, "code", "detail"))
            {
                problems.Add($"reasons[]: expected {{code, detail}}, got {reason.GetRawText()}");
                continue;
            }

            if (reason.GetProperty("code") is not { ValueKind: JsonValueKind.String } code || !SnakeCase().IsMatch(code.GetString()!))
                problems.Add($"reasons[].code: expected a snake_case string, got {reason.GetProperty("code").GetRawText()}");
            if (reason.GetProperty("detail") is not { ValueKind: JsonValueKind.String } detail || detail.GetString()!.Length == 0)
                problems.Add($"reasons[].detail: expected a non-empty string, got {reason.GetProperty("detail").GetRawText()}");
        }
    }

    private static void CheckExplanation(JsonElement alert, string? kind, List<string> problems)
    {
        var present = alert.TryGetProperty("explanation", out var explanation);
        if (kind is null)
            return;
        if (kind != "ml_fraud")
        {
            if (present)
                problems.Add($"explanation: present on kind {kind}, allowed only on ml_fraud");
            return;
        }

        if (!present)
        {
            problems.Add("explanation: missing on kind ml_fraud");
            return;
        }

        if (explanation.ValueKind != JsonValueKind.Array || explanation.GetArrayLength() is < 1 or > 5)
        {
            problems.Add($"explanation: expected an array of 1 to 5 items, got {explanation.GetRawText()}");
            return;
        }

        var previous = double.PositiveInfinity;
        foreach (var item in explanation.EnumerateArray())
        {
            if (!HasExactly(item, "feature", "contribution")
                || item.GetProperty("feature") is not { ValueKind: JsonValueKind.String } feature
                || !SnakeCase().IsMatch(feature.GetString()!)
                || item.GetProperty("contribution").ValueKind != JsonValueKind.Number)
            {
                problems.Add($"explanation[]: expected {{feature: snake_case string, contribution: number}}, got {item.GetRawText()}");
                continue;
            }

            var magnitude = Math.Abs(item.GetProperty("contribution").GetDouble());
            if (magnitude > previous)
                problems.Add("explanation: not ordered by absolute contribution, largest first");
            previous = magnitude;
        }
    }

    private static void CheckSource(JsonElement alert, bool calleeSide, List<string> problems)
    {
        if (!alert.TryGetProperty("source", out var source))
            return;
        if (!HasExactly(source, "topic", "partition", "offset"))
        {
            problems.Add($"source: expected {{topic, partition, offset}}, got {source.GetRawText()}");
            return;
        }

        if (String(source, "topic", problems, "source.") is { } topic)
        {
            if (topic.Length == 0)
                problems.Add("source.topic: empty");
            else if (calleeSide && topic != CalleeTopic)
                problems.Add($"source.topic: '{topic}' for a kind raised by the callee stage, expected {CalleeTopic}");
        }

        NonNegativeInteger(source, "partition", problems, "source.");
        NonNegativeInteger(source, "offset", problems, "source.");
    }

    private static bool HasExactly(JsonElement element, params string[] names)
        => element.ValueKind == JsonValueKind.Object && element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(names.Order(StringComparer.Ordinal));

    private static string? String(JsonElement parent, string name, List<string> problems, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        problems.Add($"{prefix}{name}: expected a string, got {value.GetRawText()}");
        return null;
    }

    private static string? Enum(JsonElement parent, string name, string[] allowed, List<string> problems)
    {
        var text = String(parent, name, problems);
        if (text is null || allowed.Contains(text))
            return text;
        problems.Add($"{name}: '{text}' is not one of {string.Join(", ", allowed)}");
        return null;
    }

    private static double? Number(JsonElement parent, string name, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number)
            return value.GetDouble();
        problems.Add($"{name}: expected a number, got {value.GetRawText()}");
        return null;
    }

    private static List<JsonElement>? Array(JsonElement parent, string name, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Array)
            return [.. value.EnumerateArray()];
        problems.Add($"{name}: expected an array, got {value.GetRawText()}");
        return null;
    }

    private static void NonNegativeInteger(JsonElement parent, string name, List<string> problems, string prefix = "")
    {
        if (parent.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 0))
            problems.Add($"{prefix}{name}: expected an integer >= 0, got {value.GetRawText()}");
    }

    private static void UtcTime(JsonElement parent, string name, List<string> problems)
    {
        if (String(parent, name, problems) is not { } text)
            return;
        if (!UtcMilliseconds().IsMatch(text)
            || !DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
            problems.Add($"{name}: '{text}' is not RFC 3339 UTC with milliseconds and Z (2026-11-22T02:14:07.412Z)");
    }

    /// <summary>Whether <paramref name="text"/> is a pseudonym (<c>h:</c> and 32 lowercase hex characters), the form of a pseudonymised alert's numbers.</summary>
    public static bool IsPseudonym(string text) => Pseudonym().IsMatch(text);

    private static void E164(string name, string? text, List<string> problems)
    {
        if (text is not null && !E164Pattern().IsMatch(text) && !IsPseudonym(text))
            problems.Add($"{name}: '{text}' is not E.164 (+ and 7 to 15 digits) nor a pseudonym (h: and 32 lowercase hex characters)");
        else if (text is null && name.EndsWith("[]", StringComparison.Ordinal))
            problems.Add($"{name}: expected E.164 strings");
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex LowerHex32();

    [GeneratedRegex("^[0-9a-f]{8,64}$")]
    private static partial Regex ModelHash();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164Pattern();

    [GeneratedRegex("^h:[0-9a-f]{32}$")]
    private static partial Regex Pseudonym();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$")]
    private static partial Regex UtcMilliseconds();
}
