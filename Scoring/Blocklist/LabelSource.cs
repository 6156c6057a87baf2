namespace FraudStream.Scoring.Blocklist;

/// <summary>Who put a label on a number.</summary>
public enum LabelSource : byte
{
    /// <summary>A court ruling (debtor lists, fraud convictions).</summary>
    Court,

    /// <summary>A police request.</summary>
    Police,

    /// <summary>The carrier's own fraud team.</summary>
    Carrier,

    /// <summary>FraudStream's closed loop: detectors and the model, usually with an expiry.</summary>
    Auto,

    /// <summary>Subscriber reports.</summary>
    Report,

    /// <summary>
    /// The batch number-risk model (<c>fraudstream risk score</c>), written <c>risk-model</c>. It yields to people: its
    /// label never replaces a label from another source (an <c>allow</c> above all), only its own earlier ones.
    /// </summary>
    RiskModel,
}
