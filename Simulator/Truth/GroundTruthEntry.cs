namespace FraudStream.Simulator.Truth;

/// <summary>One line of the ground-truth file: a number's role in one kind of fraud, and the actor it belongs to.</summary>
public readonly record struct GroundTruthEntry(ulong Number, FraudKind Kind, TruthRole Role, string ActorId)
{
    /// <summary>
    /// Simulated milliseconds since the run's start of the first record in which the number played this role: a hijacked
    /// line's fraud starts here, not at its owner's first call.
    /// </summary>
    public long FirstSeenMs { get; init; }

    /// <summary>The number in E.164 form, as in the CDRs.</summary>
    public string E164 => "+" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
