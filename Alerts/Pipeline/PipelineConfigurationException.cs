namespace FraudStream.Alerts.Pipeline;

/// <summary>A file the configuration names (thresholds, model) cannot be used; the message says which and why, in one line.</summary>
public sealed class PipelineConfigurationException(string message) : Exception(message);
