using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace FraudStream.Scoring.Model;

/// <summary>Trains a <see cref="FraudModel"/> with ML.NET from labelled rows of features.</summary>
public static class ForestTrainer
{
    private const string FeaturesColumn = "Features";
    private const string LabelColumn = "Label";
    private const string WeightColumn = "Weight";

    /// <summary>
    /// Grows the trees with the chosen trainer on one thread. The same rows, labels and options give the same model
    /// file, byte for byte (and so the same version).
    /// </summary>
    /// <param name="rowsRowMajor">The rows one after the other, one value per feature name each; NaN is a missing value.</param>
    /// <param name="rowCount">How many rows.</param>
    /// <param name="featureNames">The features in row order; the model is refused later by a scorer with another layout.</param>
    /// <param name="labels">One label per row: 1 for fraud, 0 otherwise.</param>
    /// <param name="options">The trainer and how to grow the trees.</param>
    /// <exception cref="ArgumentException">The rows, labels or options do not fit together.</exception>
    public static FraudModel Train(ReadOnlySpan<float> rowsRowMajor, int rowCount, IReadOnlyList<string> featureNames, ReadOnlySpan<float> labels, ForestTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        var width = featureNames.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1, nameof(featureNames));
        if (rowsRowMajor.Length != (long)rowCount * width)
            throw new ArgumentException($"Got {rowsRowMajor.Length} feature values for {rowCount} rows of {width} features.", nameof(rowsRowMajor));
        if (labels.Length != rowCount)
            throw new ArgumentException($"Got {labels.Length} labels for {rowCount} rows.", nameof(labels));
        options.Validate();

        var rows = new TrainingRow[rowCount];
        for (var i = 0; i < rowCount; i++)
        {
            var label = labels[i];
            if (label is not (0 or 1))
                throw new ArgumentException($"Label {label} of row {i} is neither 0 nor 1.", nameof(labels));
            rows[i] = new TrainingRow
            {
                Features = rowsRowMajor.Slice(i * width, width).ToArray(),
                Label = label == 1,
                Weight = label == 1 ? (float)(options.PositiveWeight ?? 1) : 1,
            };
        }

        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var predictor = Trainer(ml, options).Fit(data);

        byte[] mlNetZip;
        using (var stream = new MemoryStream())
        {
            ml.Model.Save(predictor, data.Schema, stream);
            mlNetZip = stream.ToArray();
        }

        // The covers (training rows per leaf) are what TreeSHAP needs and ML.NET's trees do not keep.
        var (forest, _, _) = MlNetEnsemble.Compile(mlNetZip, width);
        var covered = forest.WithCoversFrom(rowsRowMajor, rowCount);
        var manifest = new ModelManifest
        {
            Format = ModelManifest.CurrentFormat,
            Trainer = options.Trainer.ToString().ToLowerInvariant(),
            Features = [.. featureNames],
            LeafCovers = covered.LeafCovers!,
        };
        return FraudModel.FromZip(ModelZip.Write(mlNetZip, manifest), featureNames);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, ForestTrainingOptions options) => options.Trainer switch
    {
        ForestTrainerKind.LightGbm => ml.BinaryClassification.Trainers.LightGbm(LightGbmOptions(options)),
        ForestTrainerKind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            ExampleWeightColumnName = WeightColumn,
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
            CategoricalSplit = false,
            NumberOfThreads = 1,
            Seed = options.Seed,
            FeatureSelectionSeed = options.Seed,
            FeatureFraction = options.FeatureFraction ?? 1,
            BaggingSize = options.SubsampleFraction is null ? 0 : 1,
            BaggingExampleFraction = options.SubsampleFraction ?? 0.7,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Trainer, "Unknown trainer."),
    };

    private static LightGbmBinaryTrainer.Options LightGbmOptions(ForestTrainingOptions options)
    {
        var lightGbm = new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            ExampleWeightColumnName = WeightColumn,
            NumberOfIterations = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
            UseCategoricalSplit = false,
            HandleMissingValue = true,
            NumberOfThreads = 1,
            Seed = options.Seed,
            Deterministic = true,
            Silent = true,
        };

        // Only what the options set: left alone, the booster keeps LightGbm's defaults and a model trained before these
        // options existed is trained byte for byte the same.
        if (options is { FeatureFraction: null, SubsampleFraction: null, L2Regularization: null })
            return lightGbm;
        var booster = new GradientBooster.Options();
        if (options.FeatureFraction is { } features)
            booster.FeatureFraction = features;
        if (options.SubsampleFraction is { } rows)
        {
            booster.SubsampleFraction = rows;
            booster.SubsampleFrequency = 1;
        }

        if (options.L2Regularization is { } l2)
            booster.L2Regularization = l2;
        lightGbm.Booster = booster;
        return lightGbm;
    }

    private sealed class TrainingRow
    {
        [ColumnName(FeaturesColumn)]
        public float[] Features { get; set; } = [];

        [ColumnName(LabelColumn)]
        public bool Label { get; set; }

        [ColumnName(WeightColumn)]
        public float Weight { get; set; }
    }
}
