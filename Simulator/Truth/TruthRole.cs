namespace FraudStream.Simulator.Truth;

/// <summary>What a number is in a fraud case.</summary>
public enum TruthRole
{
    /// <summary>A number doing the fraud (caller, sender, premium destination); what a detector should flag.</summary>
    Suspect,

    /// <summary>A subscriber the fraud is done to; what a victim warning should reach.</summary>
    Victim,
}
