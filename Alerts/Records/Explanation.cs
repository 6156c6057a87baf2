namespace FraudStream.Alerts.Records;

/// <summary>One feature's contribution (exact TreeSHAP value, log-odds) to a model score.</summary>
public readonly record struct Explanation(int Feature, float Contribution);
