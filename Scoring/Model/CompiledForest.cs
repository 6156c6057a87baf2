namespace FraudStream.Scoring.Model;

/// <summary>
/// The trees of a trained ML.NET ensemble laid out flat for the hot path: one array of nodes for all trees, one of
/// leaf values, one root per tree. A row's margin is the sum of the leaves it reaches, exactly as ML.NET's
/// <c>InternalTreeEnsemble.GetOutput</c> sums them (in double, without tree weights or bias, which ML.NET's
/// prediction does not apply either); scoring allocates nothing and is safe from any number of threads.
/// </summary>
/// <remarks>
/// A node sends a row left when its feature is at most the threshold. A missing feature (NaN) goes where ML.NET sends
/// it: ML.NET replaces NaN by the node's "default value for missing" (how it encodes LightGbm's default direction)
/// when the tree has such values, else NaN compares false and goes right. <see cref="Node.MissingLeft"/> holds the
/// outcome of that comparison.
/// </remarks>
internal sealed class CompiledForest
{
    private readonly Node[] _nodes;
    private readonly double[] _leaves;
    private readonly int[] _roots;

    /// <param name="nodes">Every tree's internal nodes; a child reference is a node index, or <c>~leaf</c> for a leaf.</param>
    /// <param name="leaves">Every tree's leaf values.</param>
    /// <param name="roots">Each tree's root reference (<c>~leaf</c> for a tree of a single leaf).</param>
    /// <param name="featureCount">The row width.</param>
    /// <param name="nodeCovers">Training rows through each node (for <see cref="TreeShap"/>); null if not known.</param>
    /// <param name="leafCovers">Training rows in each leaf; null if not known.</param>
    /// <exception cref="InvalidDataException">A split names a feature beyond the row, or a reference leads nowhere.</exception>
    public CompiledForest(Node[] nodes, double[] leaves, int[] roots, int featureCount, double[]? nodeCovers = null, double[]? leafCovers = null)
    {
        _nodes = nodes;
        _leaves = leaves;
        _roots = roots;
        FeatureCount = featureCount;
        NodeCovers = nodeCovers;
        LeafCovers = leafCovers;
        foreach (var node in nodes)
        {
            if ((uint)node.Feature >= (uint)featureCount)
                throw new InvalidDataException($"a split on feature {node.Feature}, beyond the {featureCount} features");
            CheckChild(node.Left);
            CheckChild(node.Right);
        }

        foreach (var root in roots)
            CheckChild(root);
        if ((nodeCovers is not null && nodeCovers.Length != nodes.Length) || (leafCovers is not null && leafCovers.Length != leaves.Length))
            throw new InvalidDataException($"covers for {nodeCovers?.Length} nodes and {leafCovers?.Length} leaves, but the trees have {nodes.Length} and {leaves.Length}");
        MaxDepth = roots.Length == 0 ? 0 : roots.Max(Depth);
    }

    public int FeatureCount { get; }

    public int TreeCount => _roots.Length;

    /// <summary>The deepest leaf's depth (a single-leaf tree is 0).</summary>
    public int MaxDepth { get; }

    internal double[]? NodeCovers { get; }

    internal double[]? LeafCovers { get; }

    internal ReadOnlySpan<Node> Nodes => _nodes;

    internal ReadOnlySpan<double> Leaves => _leaves;

    internal ReadOnlySpan<int> Roots => _roots;

    /// <summary>The sum of the leaves <paramref name="row"/> reaches: ML.NET's raw score, before the calibrator.</summary>
    public double Margin(ReadOnlySpan<float> row)
    {
        var nodes = _nodes;
        var leaves = _leaves;
        double sum = 0;
        foreach (var root in _roots)
        {
            var at = root;
            while (at >= 0)
                at = nodes[at].Next(row);
            sum += leaves[~at];
        }

        return sum;
    }

    /// <summary>The leaf <paramref name="row"/> reaches in the tree whose root reference is <paramref name="root"/>.</summary>
    internal int Leaf(int root, ReadOnlySpan<float> row)
    {
        var at = root;
        while (at >= 0)
            at = _nodes[at].Next(row);
        return ~at;
    }

    /// <summary>
    /// The same trees with covers counted from <paramref name="rows"/>: how many rows reach each leaf and pass
    /// through each node. A leaf no row reaches gets a token cover, so that every cover stays positive and the sum
    /// of its children's (TreeSHAP divides by covers).
    /// </summary>
    public CompiledForest WithCoversFrom(ReadOnlySpan<float> rows, int rowCount)
    {
        var leafCovers = new double[_leaves.Length];
        for (var r = 0; r < rowCount; r++)
        {
            var row = rows.Slice(r * FeatureCount, FeatureCount);
            foreach (var root in _roots)
                leafCovers[Leaf(root, row)]++;
        }

        for (var i = 0; i < leafCovers.Length; i++)
            leafCovers[i] = leafCovers[i] == 0 ? 1e-6 : leafCovers[i];
        return WithLeafCovers(leafCovers);
    }

    /// <summary>The same trees with these leaf covers; each node's cover is the sum of its leaves'.</summary>
    public CompiledForest WithLeafCovers(double[] leafCovers)
    {
        if (leafCovers.Length != _leaves.Length)
            throw new InvalidDataException($"covers for {leafCovers.Length} leaves, but the trees have {_leaves.Length}");
        foreach (var cover in leafCovers)
        {
            if (!(cover > 0 && double.IsFinite(cover)))
                throw new InvalidDataException($"a leaf cover of {cover}: covers must be positive");
        }

        var nodeCovers = new double[_nodes.Length];
        foreach (var root in _roots)
            SumCovers(root, nodeCovers, leafCovers);
        return new CompiledForest(_nodes, _leaves, _roots, FeatureCount, nodeCovers, leafCovers);
    }

    private double SumCovers(int at, double[] nodeCovers, double[] leafCovers)
        => at < 0 ? leafCovers[~at] : nodeCovers[at] = SumCovers(_nodes[at].Left, nodeCovers, leafCovers) + SumCovers(_nodes[at].Right, nodeCovers, leafCovers);

    private int Depth(int at) => at < 0 ? 0 : 1 + Math.Max(Depth(_nodes[at].Left), Depth(_nodes[at].Right));

    private void CheckChild(int reference)
    {
        if (reference >= _nodes.Length || (reference < 0 && ~reference >= _leaves.Length))
            throw new InvalidDataException($"a tree refers to {(reference < 0 ? $"leaf {~reference}" : $"node {reference}")}, which does not exist");
    }

    /// <summary>One split: left when <c>row[Feature] &lt;= Threshold</c>, or when it is missing and <see cref="MissingLeft"/>.</summary>
    internal readonly record struct Node(int Feature, float Threshold, int Left, int Right, bool MissingLeft)
    {
        public int Next(ReadOnlySpan<float> row) => GoesLeft(row[Feature]) ? Left : Right;

        public bool GoesLeft(float value) => value <= Threshold || (MissingLeft && float.IsNaN(value));
    }
}
