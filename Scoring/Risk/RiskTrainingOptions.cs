using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Risk;

/// <summary>How <see cref="RiskTrainer"/> searches hyper-parameters and grows the final model.</summary>
public sealed record RiskTrainingOptions
{
    public ForestTrainerKind Trainer { get; init; } = ForestTrainerKind.LightGbm;

    /// <summary>Seeds the search's draws and the trees' bagging; the same data, options and seed give the same model file.</summary>
    public int Seed { get; init; } = 42;

    public RiskColumnSet Columns { get; init; } = RiskColumnSet.All;

    /// <summary>Leave out <see cref="RiskColumns.Tenure"/> (and the ratios built on them).</summary>
    public bool WithoutTenure { get; init; }

    /// <summary>Add the <see cref="DerivedFeature"/> ratios the chosen columns allow.</summary>
    public bool Ratios { get; init; } = true;

    /// <summary>Hyper-parameter sets drawn and grown on the training rows, each judged by validation AUC.</summary>
    public int Trials { get; init; } = 24;

    /// <summary>Models grown with the chosen hyper-parameters and different seeds, their log-odds averaged.</summary>
    public int Members { get; init; } = 6;

    /// <summary>
    /// How many of the best hyper-parameter sets the members are grown with, in turn (member m takes set m mod this):
    /// averaging a few good sets is steadier than betting on the one that scored best on a small validation set.
    /// </summary>
    public int TopSets { get; init; } = 3;

    /// <summary>The validation precision the <c>fraud</c> band (block) must reach; below it, <c>suspect</c> (warn).</summary>
    public double FraudPrecision { get; init; } = 0.95;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Trials, 1, nameof(Trials));
        ArgumentOutOfRangeException.ThrowIfLessThan(Members, 1, nameof(Members));
        ArgumentOutOfRangeException.ThrowIfLessThan(TopSets, 1, nameof(TopSets));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TopSets, Math.Min(Trials, Members), nameof(TopSets));
        if (!(FraudPrecision > 0 && FraudPrecision <= 1))
            throw new ArgumentOutOfRangeException(nameof(FraudPrecision), FraudPrecision, "expected a precision in (0, 1]");
    }
}
