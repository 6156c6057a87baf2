namespace FraudStream.Alerts.Records;

/// <summary>Where the CDR behind an alert was read: topic, partition, offset.</summary>
public readonly record struct AlertSource(string Topic, int Partition, long Offset);
