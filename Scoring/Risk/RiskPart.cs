namespace FraudStream.Scoring.Risk;

/// <summary>Which part of the data a row belongs to.</summary>
public enum RiskPart : byte
{
    /// <summary>The trees are grown on it.</summary>
    Train,

    /// <summary>Hyper-parameters and cut-offs are chosen on it.</summary>
    Validation,

    /// <summary>Only reported on; nothing is chosen with it.</summary>
    Test,
}
