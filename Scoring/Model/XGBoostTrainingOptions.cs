namespace FraudStream.Scoring.Model;

/// <summary>How <see cref="XGBoostTrainer"/> grows the trees. The defaults train the shipped model.</summary>
public sealed record XGBoostTrainingOptions
{
    /// <summary>Boosting rounds: one tree each.</summary>
    public int Rounds { get; init; } = 100;

    /// <summary>Maximum depth of a tree.</summary>
    public int MaxDepth { get; init; } = 6;

    /// <summary>Learning rate: how much each tree corrects the ones before it, in (0, 1].</summary>
    public double Eta { get; init; } = 0.1;

    /// <summary>Random seed; the same data, options and seed give a byte-identical model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads used for training. 1 keeps training deterministic whatever the machine.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Weight of a positive (fraud) row relative to a negative one, for imbalanced labels: typically
    /// negatives / positives. Null leaves XGBoost's default of 1.
    /// </summary>
    public double? ScalePosWeight { get; init; }

    /// <summary>XGBoost's objective. <c>binary:logistic</c> makes predictions probabilities.</summary>
    public string Objective { get; init; } = "binary:logistic";

    /// <summary>The metric XGBoost evaluates with.</summary>
    public string EvalMetric { get; init; } = "auc";

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Rounds, 1, nameof(Rounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1, nameof(MaxDepth));
        if (!(Eta > 0 && Eta <= 1))
            throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "Eta must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (ScalePosWeight is { } weight && !(weight > 0 && double.IsFinite(weight)))
            throw new ArgumentOutOfRangeException(nameof(ScalePosWeight), weight, "ScalePosWeight must be a positive number.");
        ArgumentException.ThrowIfNullOrWhiteSpace(Objective, nameof(Objective));
        ArgumentException.ThrowIfNullOrWhiteSpace(EvalMetric, nameof(EvalMetric));
    }
}
