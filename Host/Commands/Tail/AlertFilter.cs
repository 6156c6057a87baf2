using FraudStream.Scoring.Decisions;

namespace FraudStream.Host.Commands.Tail;

/// <summary>Which alerts <c>fraudstream tail</c> prints: every condition given must hold.</summary>
/// <param name="Kinds">Only these kinds; empty means any.</param>
/// <param name="MinSeverity">At least this severe.</param>
/// <param name="Numbers">E.164 numbers, one of which must be the alert's number or a counterpart; empty means any.</param>
internal sealed record AlertFilter(IReadOnlySet<string> Kinds, Severity MinSeverity, IReadOnlySet<string> Numbers)
{
    public bool Matches(AlertView alert)
    {
        if (Kinds.Count > 0 && !Kinds.Contains(alert.Kind))
            return false;
        if (alert.Severity < MinSeverity)
            return false;
        if (Numbers.Count == 0 || Numbers.Contains(alert.Number))
            return true;
        foreach (var counterpart in alert.Counterparts)
        {
            if (Numbers.Contains(counterpart))
                return true;
        }

        return false;
    }
}
