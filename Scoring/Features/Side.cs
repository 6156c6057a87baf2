namespace FraudStream.Scoring.Features;

/// <summary>Whose state an event updates: the caller's (outbound, the CDR topic's key) or the callee's (inbound, the re-keyed topic).</summary>
public enum Side : byte
{
    Outbound,
    Inbound,
}
