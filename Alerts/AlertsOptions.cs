using FraudStream.Scoring.Features;

namespace FraudStream.Alerts;

/// <summary>Where alerts and decisions go and how often one number may alert. Bound from the <c>Alerts</c> section.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Alert v1 records, key = the alert's number. Analysts tail it; carrier systems consume it.</summary>
    public string Topic { get; set; } = "fraud.alert.v1";

    /// <summary>One compact record per scored event, for carriers doing call control.</summary>
    public string DecisionTopic { get; set; } = "fraud.decision.v1";

    /// <summary>Off by default: most carriers only want alerts.</summary>
    public bool PublishDecisions { get; set; }

    /// <summary>At most one alert per (number, kind) per window; the next carries the suppressed count.</summary>
    public TimeSpan SuppressionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The internal topic that carries valid CDRs re-keyed by callee to the callee-side stage (like a Kafka Streams repartition topic).</summary>
    public string CalleeTopic { get; set; } = "fraud.cdr-by-callee.v1";

    /// <summary>
    /// The callee stage processes each partition of <see cref="CalleeTopic"/> in one merged order (by the caller
    /// partitions' event-time progress) rather than in arrival order, so one instance and several reach the same
    /// call-bombing and victim-warning alerts. On by default; off saves the wait for the slowest caller partition.
    /// </summary>
    public bool OrderedMerge { get; set; } = true;

    /// <summary>How often each instance's caller stage tells every callee partition how far its partitions have got.</summary>
    public TimeSpan WatermarkInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>A caller partition that has made no progress for this long holds the ordered merge back no more.</summary>
    public TimeSpan SourceIdle { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many of the model's strongest feature contributions an ml_fraud alert explains itself with.</summary>
    public int ExplanationFeatures { get; set; } = 5;

    /// <summary>The closed loop: confident detections become <c>auto</c> labels with a TTL.</summary>
    public AutoLabelOptions AutoLabel { get; set; } = new();

    /// <summary>Numbers in alerts replaced by keyed pseudonyms, for analysts who must not see them; off by default.</summary>
    public PseudonymiseOptions Pseudonymise { get; set; } = new();

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(CalleeTopic) || CalleeTopic == Topic || CalleeTopic == DecisionTopic)
            return "Alerts:CalleeTopic must be set and differ from Alerts:Topic and Alerts:DecisionTopic";
        if (ExplanationFeatures is < 0 or > Feature.Count)
            return $"Alerts:ExplanationFeatures is {ExplanationFeatures}, expected 0 to {Feature.Count}";
        if (AutoLabel.Validate() is { } autoLabel)
            return autoLabel;
        if (Pseudonymise.Validate() is { } pseudonymise)
            return pseudonymise;
        if (string.IsNullOrWhiteSpace(Topic))
            return "Alerts:Topic is empty";
        if (PublishDecisions && string.IsNullOrWhiteSpace(DecisionTopic))
            return "Alerts:DecisionTopic is empty while Alerts:PublishDecisions is true";
        if (PublishDecisions && string.Equals(Topic, DecisionTopic, StringComparison.Ordinal))
            return $"Alerts:DecisionTopic must differ from Alerts:Topic ('{Topic}')";
        if (SuppressionWindow < TimeSpan.Zero || SuppressionWindow > TimeSpan.FromDays(1))
            return $"Alerts:SuppressionWindow is {SuppressionWindow}, expected 00:00:00 to 1.00:00:00";
        if (WatermarkInterval < TimeSpan.FromMilliseconds(1) || WatermarkInterval > TimeSpan.FromSeconds(10))
            return $"Alerts:WatermarkInterval is {WatermarkInterval}, expected 00:00:00.001 to 00:00:10";
        if (SourceIdle < TimeSpan.FromMilliseconds(10) || SourceIdle > TimeSpan.FromMinutes(10))
            return $"Alerts:SourceIdle is {SourceIdle}, expected 00:00:00.010 to 00:10:00";
        return null;
    }
}
