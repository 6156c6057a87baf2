namespace FraudStream.Scoring.Model;

/// <summary>Which ML.NET trainer grows the trees.</summary>
public enum ForestTrainerKind
{
    /// <summary>LightGBM (leaf-wise growth, native lib_lightgbm from NuGet): the default.</summary>
    LightGbm,

    /// <summary>ML.NET's own FastTree (MART), fully managed but for its native helpers.</summary>
    FastTree,
}

/// <summary>How <see cref="ForestTrainer"/> grows the trees. The defaults train the shipped model.</summary>
public sealed record ForestTrainingOptions
{
    public ForestTrainerKind Trainer { get; init; } = ForestTrainerKind.LightGbm;

    /// <summary>Boosting iterations: one tree each.</summary>
    public int Trees { get; init; } = 30;

    /// <summary>Leaves per tree (at most).</summary>
    public int Leaves { get; init; } = 16;

    /// <summary>Learning rate: how much each tree corrects the ones before it, in (0, 1].</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>The fewest training rows a leaf may hold.</summary>
    public int MinimumRowsPerLeaf { get; init; } = 20;

    /// <summary>Random seed; the same data, options and seed give the same model file.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Weight of a positive (fraud) row relative to a negative one, for imbalanced labels. Null: 1.</summary>
    public double? PositiveWeight { get; init; }

    /// <summary>Share of the features each tree may split on, drawn per tree from <see cref="Seed"/>; null: all (1).</summary>
    public double? FeatureFraction { get; init; }

    /// <summary>Share of the rows each tree is grown on (bagging), redrawn every tree from <see cref="Seed"/>; null: all (1).</summary>
    public double? SubsampleFraction { get; init; }

    /// <summary>L2 penalty on leaf values (LightGbm only); null: LightGbm's default (0.01 in ML.NET).</summary>
    public double? L2Regularization { get; init; }

    /// <summary>Parses a <c>--trainer</c> value: <c>lightgbm</c> or <c>fasttree</c>.</summary>
    public static bool TryParseTrainer(string? text, out ForestTrainerKind trainer)
    {
        trainer = ForestTrainerKind.LightGbm;
        switch (text?.ToLowerInvariant())
        {
            case "lightgbm":
                return true;
            case "fasttree":
                trainer = ForestTrainerKind.FastTree;
                return true;
            default:
                return false;
        }
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Trees, 1, nameof(Trees));
        ArgumentOutOfRangeException.ThrowIfLessThan(Leaves, 2, nameof(Leaves));
        if (!(LearningRate > 0 && LearningRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumRowsPerLeaf, 1, nameof(MinimumRowsPerLeaf));
        if (PositiveWeight is { } weight && !(weight > 0 && double.IsFinite(weight)))
            throw new ArgumentOutOfRangeException(nameof(PositiveWeight), weight, "The positive weight must be a positive number.");
        if (FeatureFraction is { } features && !(features > 0 && features <= 1))
            throw new ArgumentOutOfRangeException(nameof(FeatureFraction), features, "The feature fraction must be in (0, 1].");
        if (SubsampleFraction is { } rows && !(rows > 0 && rows <= 1))
            throw new ArgumentOutOfRangeException(nameof(SubsampleFraction), rows, "The subsample fraction must be in (0, 1].");
        if (L2Regularization is { } l2 && !(l2 >= 0 && double.IsFinite(l2)))
            throw new ArgumentOutOfRangeException(nameof(L2Regularization), l2, "The L2 penalty must be 0 or more.");
    }
}
