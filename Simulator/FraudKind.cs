namespace FraudStream.Simulator;

/// <summary>The kinds of fraud the simulator plays, named in <c>--fraud</c> and in the ground truth by <see cref="FraudKinds.Name"/>.</summary>
public enum FraudKind
{
    /// <summary>One-ring calls from premium international ranges, hoping for a costly call back.</summary>
    Wangiri,

    /// <summary>One victim flooded with calls; the debt-collection variant also harasses the victim's contacts.</summary>
    CallBombing,

    /// <summary>One caller repeatedly calling one callee over hours and days.</summary>
    Harassment,

    /// <summary>Spam dialers: huge fan-out, short calls, regular spacing, daytime.</summary>
    Robocall,

    /// <summary>A first-time international number holding a subscriber on a long call.</summary>
    Scam,

    /// <summary>International revenue share fraud: compromised SIMs pumping minutes to premium ranges.</summary>
    Irsf,

    /// <summary>SIM boxes: SIMs in one gateway terminating international traffic as local calls.</summary>
    Simbox,

    /// <summary>One sender texting hundreds of recipients within minutes.</summary>
    SmsFlood,
}
