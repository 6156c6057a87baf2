using System.Diagnostics.CodeAnalysis;
using FraudStream.Host.Commands.Labels;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Web;

/// <summary>A label request from the page's fields, checked with the CLI's own parsers (<see cref="LabelArguments"/>, <see cref="LabelNames"/>).</summary>
internal static class LabelRequests
{
    public static bool TryCreate(ulong number, string category, string source, string reason, string ttl, string action,
        [NotNullWhen(true)] out LabelRequest? request, out string problem)
    {
        request = null;
        if (!LabelArguments.TryCategory(category, out var labelCategory, out var error))
            return Fail("category " + error, out problem);
        if (!LabelArguments.TrySource(source, out var labelSource, out error))
            return Fail("source " + error, out problem);
        LabelAction? labelAction = null;
        if (action.Length > 0)
        {
            if (!LabelNames.TryParse(action, out LabelAction chosen))
                return Fail($"action '{action}': expected one of {string.Join(", ", LabelNames.Actions)}", out problem);
            if (LabelNames.CheckAction(labelCategory, chosen) is { } mismatch)
                return Fail("action: " + mismatch, out problem);
            labelAction = chosen;
        }

        DateTimeOffset? expires = null;
        if (ttl.Length > 0)
        {
            if (!LabelArguments.TryTtl(ttl, out var lifetime))
                return Fail($"ttl '{ttl}': expected a count and a unit: 45s, 90m, 12h, 30d, 2w", out problem);
            expires = DateTimeOffset.UtcNow + lifetime;
        }

        request = new LabelRequest(number, labelCategory, labelSource, reason) { Action = labelAction, ExpiresAt = expires };
        problem = "";
        return true;
    }

    private static bool Fail(string why, out string problem)
    {
        problem = why;
        return false;
    }
}
