using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Tests.Model;

/// <summary>
/// Shapley values by definition, for checking TreeSHAP: the value of a coalition S of features is the tree's expected
/// output when the features in S are known (followed as the row goes) and the others are not (both children, weighted
/// by their covers), the definition path-dependent TreeSHAP computes; each feature's value is its weighted marginal
/// contribution over every coalition of the features the trees use. Exponential in those features: small models only.
/// </summary>
internal static class BruteForceShapley
{
    /// <summary>Each feature's Shapley value, then the base value (the empty coalition) last.</summary>
    public static double[] Of(CompiledForest forest, float[] row)
    {
        var used = forest.Nodes.ToArray().Select(static n => n.Feature).Distinct().Order().ToArray();
        if (used.Length > 14)
            throw new ArgumentException($"{used.Length} features used: too many for brute force");
        var values = new double[1 << used.Length];
        for (var mask = 0; mask < values.Length; mask++)
        {
            foreach (var root in forest.Roots.ToArray())
                values[mask] += Expected(forest, root, row, used, mask);
        }

        var m = used.Length;
        var result = new double[forest.FeatureCount + 1];
        for (var i = 0; i < m; i++)
        {
            for (var mask = 0; mask < values.Length; mask++)
            {
                if ((mask & (1 << i)) != 0)
                    continue;
                var size = int.PopCount(mask);
                var weight = Factorial(size) * Factorial(m - size - 1) / Factorial(m);
                result[used[i]] += weight * (values[mask | (1 << i)] - values[mask]);
            }
        }

        result[^1] = values[0];
        return result;
    }

    private static double Expected(CompiledForest forest, int at, float[] row, int[] used, int mask)
    {
        if (at < 0)
            return forest.Leaves[~at];
        var node = forest.Nodes[at];
        if ((mask & (1 << Array.IndexOf(used, node.Feature))) != 0)
            return Expected(forest, node.GoesLeft(row[node.Feature]) ? node.Left : node.Right, row, used, mask);
        var left = Cover(forest, node.Left);
        var right = Cover(forest, node.Right);
        return ((left * Expected(forest, node.Left, row, used, mask)) + (right * Expected(forest, node.Right, row, used, mask))) / (left + right);
    }

    private static double Cover(CompiledForest forest, int at) => at < 0 ? forest.LeafCovers![~at] : forest.NodeCovers![at];

    private static double Factorial(int n)
    {
        double f = 1;
        for (var i = 2; i <= n; i++)
            f *= i;
        return f;
    }
}
