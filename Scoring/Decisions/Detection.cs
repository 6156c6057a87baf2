using FraudStream.Ingest.Cdr;

namespace FraudStream.Scoring.Decisions;

/// <summary>
/// One finding about one event, from any source (blocklist, policy, rule detector, model): what kind, about
/// which number in which role, what to do, how bad, and the measured value with the threshold it crossed.
/// </summary>
/// <param name="Kind">The kind of fraud.</param>
/// <param name="Role">What <paramref name="Number"/> is in it.</param>
/// <param name="Number">The number the finding is about (the caller or the callee of the event).</param>
/// <param name="Action">What the source asks for; <see cref="DecisionAction.Allow"/> from a <see cref="FraudKind.Blocklisted"/> label overrides everything.</param>
/// <param name="Severity">How bad.</param>
/// <param name="Score">Confidence 0..1.</param>
/// <param name="Reason">The rule that fired.</param>
/// <param name="Value">The measured quantity <paramref name="Reason"/> names.</param>
/// <param name="Threshold">The limit <paramref name="Value"/> crossed.</param>
public readonly record struct Detection(
    FraudKind Kind,
    Role Role,
    PhoneNumber Number,
    DecisionAction Action,
    Severity Severity,
    float Score,
    ReasonCode Reason,
    float Value,
    float Threshold)
{
    /// <summary>An allow label: a blocklist entry whitelisting the number, which wins over every other finding.</summary>
    public bool IsAllowLabel => Kind == FraudKind.Blocklisted && Action == DecisionAction.Allow;
}
