namespace FraudStream.Scoring.Blocklist;

/// <summary>A prefix rule as Redis holds it, with its reason and history.</summary>
public sealed record PrefixRuleRecord(PrefixRule Rule, string Reason, long CreatedMs, string Actor);
