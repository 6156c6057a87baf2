namespace FraudStream.Scoring.Blocklist;

/// <summary>One change in the audit trail (Redis list, newest first).</summary>
/// <param name="TimeMs">When, Unix milliseconds UTC.</param>
/// <param name="Op"><c>add</c>, <c>update</c>, <c>remove</c>, <c>expire</c>, <c>policy</c>, <c>prefix-add</c>, <c>prefix-remove</c>.</param>
/// <param name="Subject">The number (E.164 digits), subscriber, or prefix the change was about.</param>
/// <param name="Category">The label's or rule's category name; empty for policies.</param>
/// <param name="Source">The label's source name; empty for policies and prefixes.</param>
/// <param name="Reason">Why: the label's reason for an add, the removal's reason for a remove.</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="Version">The blocklist version the change produced.</param>
public sealed record AuditEntry(long TimeMs, string Op, string Subject, string Category, string Source, string Reason, string Actor, long Version);
