namespace FraudStream.Scoring.Decisions;

/// <summary>
/// What a detection is about. The wire name (<see cref="FraudKinds.ToWire"/>) goes into alerts and decisions;
/// append, never reorder: the value is stored.
/// </summary>
public enum FraudKind : byte
{
    /// <summary>A label from the blocklist (any category; its action may be allow).</summary>
    Blocklisted,

    /// <summary>The subscriber's "block overseas calls" policy.</summary>
    OverseasBlocked,

    Wangiri,
    CallBombing,
    Harassment,
    Robocall,
    Irsf,
    Simbox,
    SmsFlood,

    /// <summary>A subscriber probably being scammed right now (first-time international caller, long call).</summary>
    VictimWarning,

    /// <summary>The model's verdict.</summary>
    MlFraud,

    /// <summary>
    /// The caller behind a <see cref="VictimWarning"/>: a foreign number that kept a subscriber who never dealt
    /// with it on a long first call. Named by the callee stage (which sees the victim), about the caller.
    /// </summary>
    Scam,
}
