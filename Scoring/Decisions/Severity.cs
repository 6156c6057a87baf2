namespace FraudStream.Scoring.Decisions;

/// <summary>How bad a detection is, for alert routing; ordered, the highest wins when combined.</summary>
public enum Severity : byte
{
    Low,
    Medium,
    High,
    Critical,
}
