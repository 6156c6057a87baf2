using System.Text;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Records;

/// <summary>The snake_case names alerts and decisions use for actions, severities, roles and reason codes.</summary>
public static class WireNames
{
    private static readonly string[] s_reasons = Enum.GetNames<ReasonCode>().Select(SnakeCase).ToArray();

    public static string Name(DecisionAction action) => action switch
    {
        DecisionAction.Allow => "allow",
        DecisionAction.Label => "label",
        DecisionAction.Warn => "warn",
        _ => "block",
    };

    public static string Name(Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => "critical",
    };

    public static string Name(Role role) => role == Role.Victim ? "victim" : "suspect";

    /// <summary>e.g. <c>many_unanswered_short_rings_from_abroad</c>.</summary>
    public static string Name(ReasonCode reason) => (int)reason < s_reasons.Length ? s_reasons[(int)reason] : "unknown";

    public static bool TryParseSeverity(string name, out Severity severity)
    {
        foreach (var s in Enum.GetValues<Severity>())
        {
            if (Name(s) == name)
            {
                severity = s;
                return true;
            }
        }

        severity = default;
        return false;
    }

    private static string SnakeCase(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
