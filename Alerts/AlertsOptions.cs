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

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Topic))
            return "Alerts:Topic is empty";
        if (PublishDecisions && string.IsNullOrWhiteSpace(DecisionTopic))
            return "Alerts:DecisionTopic is empty while Alerts:PublishDecisions is true";
        if (PublishDecisions && string.Equals(Topic, DecisionTopic, StringComparison.Ordinal))
            return $"Alerts:DecisionTopic must differ from Alerts:Topic ('{Topic}')";
        if (SuppressionWindow < TimeSpan.Zero || SuppressionWindow > TimeSpan.FromDays(1))
            return $"Alerts:SuppressionWindow is {SuppressionWindow}, expected 00:00:00 to 1.00:00:00";
        return null;
    }
}
