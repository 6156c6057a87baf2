namespace FraudStream.Scoring.Blocklist;

/// <summary>What a number is labelled as. Stored in Redis by its lowercase name (<see cref="LabelNames"/>).</summary>
public enum LabelCategory : byte
{
    /// <summary>Confirmed fraud (by a court, the police or the carrier). Blocks by default.</summary>
    Fraud,

    /// <summary>Scam calls (impersonation, fake prizes). Blocks by default.</summary>
    Scam,

    /// <summary>Harassment reported by subscribers. Warns by default.</summary>
    Harassment,

    /// <summary>A court-listed debtor: labelled for callers to see, never blocked by default.</summary>
    Defaulter,

    /// <summary>Unsolicited marketing. Warns by default.</summary>
    Spam,

    /// <summary>Automated dialling. Warns by default.</summary>
    Robocall,

    /// <summary>One-ring callback bait to premium numbers. Blocks by default.</summary>
    Wangiri,

    /// <summary>A number that must never be blocked (emergency services, government lines); its action is always <see cref="LabelAction.Allow"/>.</summary>
    Allow,

    /// <summary>
    /// A number of a call-bombing pool (numbers flooding one victim together, e.g. a violent debt collector's),
    /// named by the callee stage where the flood is seen. Warns by default; its calls to anyone else name them
    /// call-bombing victims (the debt collector shaming the victim's contacts).
    /// </summary>
    Bombing,

    /// <summary>
    /// Suspected from its history, not confirmed: <c>fraudstream risk score</c> puts it on numbers whose risk score is
    /// in the softer band (docs/risk.md). Warns by default.
    /// </summary>
    Suspect,
}
