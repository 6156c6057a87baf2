namespace FraudStream.Simulator;

/// <summary>What to simulate. The output is a pure function of these options: same options, same bytes.</summary>
public sealed record SimulationOptions
{
    public const int MinPopulation = 1_000;
    public const int MaxPopulation = 2_000_000;
    private const int DefaultsPerPopulation = 100_000;

    /// <summary>Seeds every random choice; it also appears in record ids (<c>sim-42-000000000001</c>).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Home-network subscribers.</summary>
    public int Population { get; init; } = 100_000;

    /// <summary>Simulated time of the first event; its offset is the carrier's time zone for the daily rhythm.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Country code of the home network (86: China).</summary>
    public int HomeCountry { get; init; } = 86;

    /// <summary>How far the world departs from the standard one (domain randomisation, the held-out world).</summary>
    public TrafficVariation Variation { get; init; } = TrafficVariation.Standard;

    /// <summary>No fraud actors unless <see cref="Fraud"/> names some.</summary>
    public bool NoFraud { get; init; }

    /// <summary>Per-kind overrides of the default actors.</summary>
    public IReadOnlyList<FraudSpec> Fraud { get; init; } = [];

    /// <summary>Fraction of records emitted a second time a little later, same id and bytes (at-least-once pipelines).</summary>
    public double Duplicates { get; init; }

    /// <summary>Fraction of records followed by a broken one (not JSON, missing field, bad value) for dead-letter tests.</summary>
    public double Malformed { get; init; }

    /// <summary>
    /// How many records the run will emit, roughly. One-off fraud episodes (scams, floods, bombings) are spread
    /// over the simulated span this many records cover, so a short run holds every kind too.
    /// </summary>
    public long ExpectedRecords { get; init; } = 1_000_000;

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (Population is < MinPopulation or > MaxPopulation)
            return $"--population {Population}: expected {MinPopulation} to {MaxPopulation}";
        if (HomeCountry is < 1 or > 999)
            return $"--home-country {HomeCountry}: expected a country calling code, 1 to 999";
        if (Duplicates is < 0 or > 0.5 || double.IsNaN(Duplicates))
            return $"--duplicates {Duplicates}: expected a fraction from 0 to 0.5";
        if (Malformed is < 0 or > 0.5 || double.IsNaN(Malformed))
            return $"--malformed {Malformed}: expected a fraction from 0 to 0.5";
        if (ExpectedRecords < 1)
            return $"expected records {ExpectedRecords}: must be positive";
        return Variation.Validate();
    }

    /// <summary>
    /// The actors of <paramref name="kind"/> this run plays: the last <see cref="Fraud"/> entry for it, else
    /// none with <see cref="NoFraud"/>, else the default, which scales with the population (at least 1).
    /// </summary>
    public FraudSpec Resolve(FraudKind kind)
    {
        for (var i = Fraud.Count - 1; i >= 0; i--)
        {
            if (Fraud[i].Kind == kind)
                return Fraud[i];
        }

        if (NoFraud)
            return new FraudSpec(kind, 0, 1);

        var perDefault = kind switch
        {
            FraudKind.Wangiri => 4,
            FraudKind.CallBombing => 3,
            FraudKind.Harassment => 8,
            FraudKind.Robocall => 4,
            FraudKind.Scam => 15,
            FraudKind.Irsf => 4,
            FraudKind.Simbox => 2,
            FraudKind.SmsFlood => 4,
            _ => 1,
        };
        var scaled = (int)Math.Round((double)perDefault * Population / DefaultsPerPopulation);
        return new FraudSpec(kind, Math.Max(1, scaled), 1);
    }
}
