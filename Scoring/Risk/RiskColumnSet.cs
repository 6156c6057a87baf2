namespace FraudStream.Scoring.Risk;

/// <summary>Which of a table's columns a model may use.</summary>
public enum RiskColumnSet : byte
{
    /// <summary>Every numeric column of the file.</summary>
    All,

    /// <summary>Only <see cref="RiskColumns.CdrComputable"/>: what a carrier's CDRs give.</summary>
    Cdr,
}
