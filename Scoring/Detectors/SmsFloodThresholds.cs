using FraudStream.Scoring.Decisions;

namespace FraudStream.Scoring.Detectors;

/// <summary>SMS flood: texts to very many new recipients within 15 minutes.</summary>
public sealed record SmsFloodThresholds : RuleSettings
{
    public SmsFloodThresholds() => (Action, Severity) = (DecisionAction.Block, Severity.High);

    public float MinSms15m { get; init; } = 60;

    public float MinNewCounterparts15m { get; init; } = 50;

    /// <summary>
    /// SMS of the last 15 minutes over those of the last hour: a flood is a burst (near 1), bank and courier
    /// notifications are a steady stream (0.25 at a constant rate).
    /// </summary>
    public float MinBurstShare { get; init; } = 0.5f;

    /// <summary>A flood sends tens a minute; the busiest bank sender a few.</summary>
    public float MinSms1m { get; init; } = 15;

    public override string? Validate(string name)
        => NonNegative(name, nameof(MinSms15m), MinSms15m) ?? NonNegative(name, nameof(MinNewCounterparts15m), MinNewCounterparts15m)
           ?? Ratio(name, nameof(MinBurstShare), MinBurstShare) ?? NonNegative(name, nameof(MinSms1m), MinSms1m);
}
