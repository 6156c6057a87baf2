using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>What every detector has in <c>thresholds.json</c>: whether it runs, and the action and severity it reports.</summary>
public abstract record RuleSettings
{
    public bool Enabled { get; init; } = true;

    public DecisionAction Action { get; init; } = DecisionAction.Label;

    public Severity Severity { get; init; } = Severity.Medium;

    /// <summary>Returns what is wrong with this detector's values (prefixed with <paramref name="name"/>), or null.</summary>
    public virtual string? Validate(string name) => null;

    protected static string? Ratio(string name, string field, float value)
        => value is >= 0 and <= 1 ? null : $"{name}.{field} is {value}, expected a ratio 0 to 1";

    protected static string? NonNegative(string name, string field, float value)
        => value >= 0 && float.IsFinite(value) ? null : $"{name}.{field} is {value}, expected a number >= 0";
}
