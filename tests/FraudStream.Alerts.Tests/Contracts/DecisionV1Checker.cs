using System.Text.Json;

namespace FraudStream.Alerts.Tests.Contracts;

/// <summary>The rules of the decision record in docs/contracts/alert-v1.md: every problem of one value, or none.</summary>
internal static class DecisionV1Checker
{
    public static readonly string[] Fields = ["recordId", "stage", "action", "kinds", "degraded"];

    public static readonly string[] Actions = ["allow", "label", "warn", "block"];

    public static List<string> Check(string json)
    {
        using var document = JsonDocument.Parse(json);
        var decision = document.RootElement;
        if (decision.ValueKind != JsonValueKind.Object)
            return [$"expected an object, got {decision.ValueKind}"];

        var problems = new List<string>();
        var names = decision.EnumerateObject().Select(p => p.Name).ToList();
        if (!names.SequenceEqual(Fields))
            problems.Add($"fields: {string.Join(", ", names)}; expected exactly {string.Join(", ", Fields)} in this order");

        if (!decision.TryGetProperty("recordId", out var recordId) || recordId.ValueKind != JsonValueKind.String || recordId.GetString()!.Length is 0 or > 64)
            problems.Add("recordId: expected a string of 1 to 64 characters");
        var stage = decision.TryGetProperty("stage", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (stage is not ("caller" or "callee"))
            problems.Add("stage: expected caller or callee");
        if (!decision.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String || !Actions.Contains(action.GetString()))
            problems.Add($"action: expected one of {string.Join(", ", Actions)}");
        if (!decision.TryGetProperty("degraded", out var degraded) || degraded.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            problems.Add("degraded: expected true or false");

        if (!decision.TryGetProperty("kinds", out var kinds) || kinds.ValueKind != JsonValueKind.Array)
        {
            problems.Add("kinds: expected an array");
            return problems;
        }

        var listed = kinds.EnumerateArray().Select(k => k.ValueKind == JsonValueKind.String ? k.GetString()! : k.GetRawText()).ToList();
        foreach (var kind in listed.Where(k => !AlertV1Checker.Kinds.Contains(k)))
            problems.Add($"kinds: '{kind}' is not a kind");
        if (listed.Distinct().Count() != listed.Count)
            problems.Add("kinds: a kind twice");
        if (stage == "callee" && listed.Count == 0)
            problems.Add("kinds: empty on a callee-stage decision (the callee stage writes only flagged events)");
        return problems;
    }
}
