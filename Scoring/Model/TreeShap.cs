namespace FraudStream.Scoring.Model;

/// <summary>
/// Exact SHAP values of a tree ensemble's margin (path-dependent TreeSHAP, Lundberg et al. 2018, Algorithm 2, as the
/// gradient-boosting libraries implement it for their own trees): each feature's share of the margin, so that
/// <c>base value + Σ contributions = margin</c> for every row. The expectation runs over the training rows' paths
/// through each tree, from the covers counted at training. Allocation-free: the path lives on the stack.
/// </summary>
/// <remarks>
/// ML.NET's own feature contributions (<c>CalculateFeatureContribution</c>) are not used: they are the change of the
/// output when each split the row took is flipped, which does not add up to the score, and they cost about 7 µs and
/// 712 B per row on this machine.
/// </remarks>
internal static class TreeShap
{
    /// <summary>Path elements TreeSHAP needs for trees of this depth ((d + 2)(d + 3) / 2, the paper's bound).</summary>
    public static int PathCapacity(int maxDepth) => (maxDepth + 2) * (maxDepth + 3) / 2;

    /// <summary>
    /// Adds each feature's contribution to <paramref name="contributions"/>[feature] and the ensemble's expected
    /// margin (the base value) to its last element.
    /// </summary>
    /// <param name="forest">A forest with covers.</param>
    /// <param name="row"><see cref="CompiledForest.FeatureCount"/> values.</param>
    /// <param name="contributions"><see cref="CompiledForest.FeatureCount"/> + 1 elements, zeroed by the caller.</param>
    public static void Explain(CompiledForest forest, ReadOnlySpan<float> row, Span<double> contributions)
    {
        var nodeCovers = forest.NodeCovers ?? throw new InvalidOperationException("The forest has no covers: explanations need the covers counted at training.");
        Span<PathElement> path = stackalloc PathElement[PathCapacity(forest.MaxDepth)];
        var context = new Context(forest.Nodes, forest.Leaves, nodeCovers, forest.LeafCovers!, row);
        foreach (var root in forest.Roots)
        {
            contributions[^1] += ExpectedValue(context, root);
            if (root >= 0)
                Recurse(context, contributions, root, path, uniqueDepth: 0, parentZero: 1, parentOne: 1, parentFeature: -1);
        }
    }

    private static double ExpectedValue(in Context c, int at)
    {
        if (at < 0)
            return c.Leaves[~at];
        var node = c.Nodes[at];
        return ((ExpectedValue(c, node.Left) * Cover(c, node.Left)) + (ExpectedValue(c, node.Right) * Cover(c, node.Right))) / c.NodeCovers[at];
    }

    private static double Cover(in Context c, int at) => at < 0 ? c.LeafCovers[~at] : c.NodeCovers[at];

    private static void Recurse(in Context c, Span<double> phi, int at, Span<PathElement> parentPath, int uniqueDepth, double parentZero, double parentOne, int parentFeature)
    {
        // This node's path follows its parent's in the same buffer.
        var path = parentPath[(uniqueDepth + 1)..];
        parentPath[..(uniqueDepth + 1)].CopyTo(path);
        Extend(path, uniqueDepth, parentZero, parentOne, parentFeature);

        if (at < 0)
        {
            var value = c.Leaves[~at];
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var element = path[i];
                phi[element.Feature] += UnwoundSum(path, uniqueDepth, i) * (element.One - element.Zero) * value;
            }

            return;
        }

        var node = c.Nodes[at];
        var (hot, cold) = node.GoesLeft(c.Row[node.Feature]) ? (node.Left, node.Right) : (node.Right, node.Left);
        var cover = c.NodeCovers[at];
        var hotZero = Cover(c, hot) / cover;
        var coldZero = Cover(c, cold) / cover;
        double incomingZero = 1, incomingOne = 1;

        // A feature split on higher up: undo that split, to redo it here.
        var index = 0;
        while (index <= uniqueDepth && path[index].Feature != node.Feature)
            index++;
        if (index <= uniqueDepth)
        {
            incomingZero = path[index].Zero;
            incomingOne = path[index].One;
            Unwind(path, uniqueDepth, index);
            uniqueDepth--;
        }

        Recurse(c, phi, hot, path, uniqueDepth + 1, hotZero * incomingZero, incomingOne, node.Feature);
        Recurse(c, phi, cold, path, uniqueDepth + 1, coldZero * incomingZero, 0, node.Feature);
    }

    private static void Extend(Span<PathElement> path, int uniqueDepth, double zero, double one, int feature)
    {
        path[uniqueDepth] = new PathElement(feature, zero, one, uniqueDepth == 0 ? 1 : 0);
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (uniqueDepth + 1);
            path[i].Weight = zero * path[i].Weight * (uniqueDepth - i) / (uniqueDepth + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int uniqueDepth, int index)
    {
        var one = path[index].One;
        var zero = path[index].Zero;
        var next = path[uniqueDepth].Weight;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var weight = path[i].Weight;
                path[i].Weight = next * (uniqueDepth + 1) / ((i + 1) * one);
                next = weight - (path[i].Weight * zero * (uniqueDepth - i) / (uniqueDepth + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (uniqueDepth + 1) / (zero * (uniqueDepth - i));
            }
        }

        for (var i = index; i < uniqueDepth; i++)
            path[i] = path[i + 1] with { Weight = path[i].Weight };
    }

    private static double UnwoundSum(ReadOnlySpan<PathElement> path, int uniqueDepth, int index)
    {
        var one = path[index].One;
        var zero = path[index].Zero;
        var next = path[uniqueDepth].Weight;
        double total = 0;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var weight = next * (uniqueDepth + 1) / ((i + 1) * one);
                total += weight;
                next = path[i].Weight - (weight * zero * (uniqueDepth - i) / (uniqueDepth + 1));
            }
            else
            {
                total += path[i].Weight / zero * (uniqueDepth + 1) / (uniqueDepth - i);
            }
        }

        return total;
    }

    private record struct PathElement(int Feature, double Zero, double One, double Weight);

    private readonly ref struct Context(ReadOnlySpan<CompiledForest.Node> nodes, ReadOnlySpan<double> leaves, double[] nodeCovers, double[] leafCovers, ReadOnlySpan<float> row)
    {
        public readonly ReadOnlySpan<CompiledForest.Node> Nodes = nodes;
        public readonly ReadOnlySpan<double> Leaves = leaves;
        public readonly double[] NodeCovers = nodeCovers;
        public readonly double[] LeafCovers = leafCovers;
        public readonly ReadOnlySpan<float> Row = row;
    }
}
