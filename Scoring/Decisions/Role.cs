namespace FraudStream.Scoring.Decisions;

/// <summary>What the number a detection names is in the fraud: the one doing it, or the one it is done to.</summary>
public enum Role : byte
{
    Suspect,
    Victim,
}
