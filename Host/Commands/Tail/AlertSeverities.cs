using FraudStream.Scoring.Decisions;

namespace FraudStream.Host.Commands.Tail;

/// <summary>The wire names of <see cref="Severity"/> in alerts: low, medium, high, critical.</summary>
internal static class AlertSeverities
{
    public static readonly string[] Names = ["low", "medium", "high", "critical"];

    public static bool TryParse(string text, out Severity severity)
    {
        var i = Array.IndexOf(Names, text);
        severity = (Severity)Math.Max(i, 0);
        return i >= 0;
    }

    public static string Name(Severity severity) => Names[(int)severity];
}
