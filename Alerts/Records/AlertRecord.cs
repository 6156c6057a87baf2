namespace FraudStream.Alerts.Records;

/// <summary>One Alert v1 record ready to produce: key = the alert's number (E.164, UTF-8), value = the JSON.</summary>
public readonly record struct AlertRecord(string AlertId, byte[] Key, byte[] Value);
