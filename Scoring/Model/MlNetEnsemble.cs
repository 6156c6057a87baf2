using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace FraudStream.Scoring.Model;

/// <summary>
/// Reads a calibrated binary tree ensemble out of an ML.NET model zip and compiles it: the trees from
/// <c>TrainedTreeEnsemble</c>, the Platt calibrator's slope and offset, and where each node sends a missing value.
/// </summary>
internal static class MlNetEnsemble
{
    // ML.NET's public RegressionTree does not expose how a node routes NaN; its internal tree does, in the public field
    // DefaultValueForMissing. Read once per tree at load; the equality test against PredictionEngine (NaN rows
    // included) fails if a later ML.NET moves it.
    private static readonly FieldInfo? s_internalTree = typeof(RegressionTreeBase).GetField("_tree", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <exception cref="InvalidDataException">ML.NET cannot load it, or it is not a calibrated tree ensemble over <paramref name="featureCount"/> features.</exception>
    public static (CompiledForest Forest, double Slope, double Offset) Compile(byte[] zip, int featureCount)
    {
        var (predictor, input) = LoadPredictor(zip);
        if (predictor.Model is not CalibratedModelParametersBase calibrated)
            throw new InvalidDataException($"its predictor is {Name(predictor.Model)}, not a calibrated binary classifier");
        if (calibrated.SubModel is not TreeEnsembleModelParametersBasedOnRegressionTree trees)
            throw new InvalidDataException($"its classifier is {Name(calibrated.SubModel)}, not a tree ensemble (LightGbm or FastTree)");
        if (calibrated.Calibrator is not PlattCalibrator platt)
            throw new InvalidDataException($"its calibrator is {Name(calibrated.Calibrator)}, not Platt's");

        var column = input.GetColumnOrNull(predictor.FeatureColumnName);
        if (column?.Type is not VectorDataViewType { ItemType: NumberDataViewType type, Size: var size } || type != NumberDataViewType.Single)
            throw new InvalidDataException($"its input '{predictor.FeatureColumnName}' is {column?.Type.ToString() ?? "missing"}, not a vector of floats");
        if (size != featureCount)
            throw new InvalidDataException($"it takes {size} features and this FraudStream computes {featureCount}");

        return (Flatten(trees.TrainedTreeEnsemble, featureCount), platt.Slope, platt.Offset);
    }

    private static (ISingleFeaturePredictionTransformer<object> Predictor, DataViewSchema Input) LoadPredictor(byte[] zip)
    {
        ITransformer transformer;
        DataViewSchema input;
        try
        {
            using var stream = new MemoryStream(zip, writable: false);
            transformer = new MLContext(seed: 0).Model.Load(stream, out input);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"ML.NET cannot load it ({FirstLine(e.Message)})", e);
        }

        // Only the predictor itself: a chain with transforms before it would score other inputs than the rows we give.
        var only = transformer is TransformerChain<ITransformer> chain && chain.Count() == 1 ? chain.Single() : transformer;
        return only is ISingleFeaturePredictionTransformer<object> predictor
            ? (predictor, input)
            : throw new InvalidDataException($"it is {Name(transformer)}, not a single prediction transformer");
    }

    private static CompiledForest Flatten(RegressionTreeEnsemble ensemble, int featureCount)
    {
        var nodes = new List<CompiledForest.Node>();
        var leaves = new List<double>();
        var roots = new List<int>();
        foreach (var tree in ensemble.Trees)
        {
            var nodeBase = nodes.Count;
            var leafBase = leaves.Count;
            leaves.AddRange(tree.LeafValues);

            // ML.NET treats a tree whose root points at itself as empty (output 0); a one-leaf tree is its leaf.
            if (tree.NumberOfNodes == 0 || (tree.LeftChild.Count > 0 && tree.LeftChild[0] == 0))
            {
                if (tree.NumberOfNodes != 0)
                {
                    leaves.Add(0);
                    leafBase = leaves.Count - 1;
                }

                roots.Add(~leafBase);
                continue;
            }

            var missing = DefaultValuesForMissing(tree);
            for (var i = 0; i < tree.NumberOfNodes; i++)
            {
                if (tree.CategoricalSplitFlags[i])
                    throw new InvalidDataException("it has categorical splits, which FraudStream's features never need");
                var threshold = tree.NumericalSplitThresholds[i];
                var missingLeft = missing is not null && missing[i] <= threshold;
                nodes.Add(new CompiledForest.Node(tree.NumericalSplitFeatureIndexes[i], threshold,
                    Child(tree.LeftChild[i], nodeBase, leafBase), Child(tree.RightChild[i], nodeBase, leafBase), missingLeft));
            }

            roots.Add(nodeBase);
        }

        return new CompiledForest([.. nodes], [.. leaves], [.. roots], featureCount);
    }

    private static int Child(int reference, int nodeBase, int leafBase) => reference < 0 ? ~(~reference + leafBase) : reference + nodeBase;

    private static float[]? DefaultValuesForMissing(RegressionTree tree)
    {
        var inner = s_internalTree?.GetValue(tree);
        var field = inner?.GetType().GetField("DefaultValueForMissing", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidDataException("this ML.NET keeps missing-value routing where FraudStream does not look (RegressionTreeBase._tree.DefaultValueForMissing)");
        return (float[]?)field.GetValue(inner);
    }

    private static string Name(object? value) => value?.GetType().Name ?? "nothing";

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end].TrimEnd();
    }
}
