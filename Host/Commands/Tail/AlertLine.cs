using System.Globalization;
using System.Text;
using FraudStream.Scoring.Decisions;
using Spectre.Console;

namespace FraudStream.Host.Commands.Tail;

/// <summary>
/// One alert as one readable line, columns aligned, times in UTC:
/// <c>2026-11-22 02:14:07.412  BLOCK  high      wangiri           +23276012345      → +8613700000002  score 0.97  many_unanswered_short_rings_from_abroad: 23 new counterparts in 1 h, threshold 15  [alert 7c781593…]</c>.
/// The arrow points from the suspect to the victim: <c>→</c> after a suspect, <c>←</c> after a victim.
/// </summary>
internal static class AlertLine
{
    private const int ShownCounterparts = 3;
    private const int ShownFeatures = 3;
    private const int ShortId = 8;

    public static string Plain(AlertView alert)
    {
        var line = new StringBuilder();
        foreach (var (text, _) in Segments(alert))
            line.Append(text);
        return line.ToString();
    }

    /// <summary>The same line as Spectre markup, coloured by action and severity.</summary>
    public static string Markup(AlertView alert)
    {
        var line = new StringBuilder();
        foreach (var (text, style) in Segments(alert))
        {
            var escaped = Spectre.Console.Markup.Escape(text);
            line.Append(style is null ? escaped : $"[{style}]{escaped}[/]");
        }

        return line.ToString();
    }

    private static IEnumerable<(string Text, string? Style)> Segments(AlertView alert)
    {
        var c = CultureInfo.InvariantCulture;
        yield return (alert.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", c), "grey");
        yield return ("  ", null);
        yield return (alert.Action.ToUpperInvariant().PadRight(5), ActionStyle(alert.Action));
        yield return ("  ", null);
        yield return (AlertSeverities.Name(alert.Severity).PadRight(8), SeverityStyle(alert.Severity));
        yield return ("  ", null);
        yield return (alert.Kind.PadRight(16), "bold");
        yield return ("  ", null);
        yield return (alert.Number.PadRight(16), null);
        yield return ("  " + (alert.Victim ? "← " : "→ ") + Counterparts(alert.Counterparts), null);
        yield return (string.Create(c, $"  score {alert.Score:0.00}"), null);
        if (alert.Reasons.Count > 0)
            yield return ("  " + string.Join("; ", alert.Reasons.Select(r => r.Detail.Length == 0 ? r.Code : r.Code + ": " + r.Detail)), null);
        if (alert.SuppressedCount > 0)
            yield return (string.Create(c, $"  (+{alert.SuppressedCount} suppressed)"), null);
        if (alert.Degraded)
            yield return ("  DEGRADED", "bold yellow");
        if (alert.Explanation.Count > 0)
            yield return ("  model: " + string.Join(", ", alert.Explanation.OrderByDescending(f => Math.Abs(f.Contribution)).Take(ShownFeatures).Select(f => string.Create(c, $"{f.Feature} {f.Contribution:+0.00;-0.00}"))), null);
        yield return ($"  [alert {(alert.AlertId.Length > ShortId ? alert.AlertId[..ShortId] + "…" : alert.AlertId)}]", "grey");
    }

    private static string Counterparts(IReadOnlyList<string> numbers)
        => numbers.Count <= ShownCounterparts
            ? string.Join(", ", numbers)
            : string.Join(", ", numbers.Take(ShownCounterparts)) + string.Create(CultureInfo.InvariantCulture, $" and {numbers.Count - ShownCounterparts} more");

    private static string? ActionStyle(string action) => action switch
    {
        "block" => "bold red",
        "warn" => "yellow",
        "label" => "blue",
        _ => null,
    };

    private static string SeverityStyle(Severity severity) => severity switch
    {
        Severity.Critical => "bold red",
        Severity.High => "red",
        Severity.Medium => "yellow",
        _ => "grey",
    };
}
