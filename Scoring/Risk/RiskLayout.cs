namespace FraudStream.Scoring.Risk;

/// <summary>
/// A model's features: input columns taken by name from the table, then derived ratios of them. The same layout
/// builds the rows at training and at scoring, whatever the order of the columns in the file.
/// </summary>
public sealed class RiskLayout
{
    public RiskLayout(IReadOnlyList<string> inputs, IReadOnlyList<string> derived)
    {
        Inputs = inputs;
        Derived = [.. derived.Select(name => DerivedFeature.Find(name) ?? throw new InvalidDataException($"the ratio '{name}' is unknown to this FraudStream"))];
        foreach (var d in Derived)
        {
            if (!inputs.Contains(d.Numerator) || !inputs.Contains(d.Denominator))
                throw new InvalidDataException($"the ratio '{d.Name}' needs '{d.Numerator}' and '{d.Denominator}' among the inputs");
        }

        FeatureNames = [.. inputs, .. derived];
    }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<DerivedFeature> Derived { get; }

    /// <summary>Inputs, then ratios: the model's row layout.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int Width => FeatureNames.Count;

    /// <summary>The columns of <paramref name="table"/> a model may use, and the ratios they allow.</summary>
    public static RiskLayout Choose(RiskTable table, RiskColumnSet set, bool withoutTenure, bool ratios)
    {
        var inputs = table.Columns.Where(c => (set == RiskColumnSet.All || RiskColumns.IsCdrComputable(c)) && !(withoutTenure && RiskColumns.IsTenure(c))).ToList();
        if (inputs.Count == 0)
            throw new RiskDataException($"{table.Source}: line 1: none of its columns is {(set == RiskColumnSet.Cdr ? "one CDRs give (docs/risk.md lists them)" : "usable")}");
        var derived = ratios ? DerivedFeature.All.Where(d => inputs.Contains(d.Numerator) && inputs.Contains(d.Denominator)).Select(d => d.Name).ToList() : [];
        return new RiskLayout(inputs, derived);
    }

    /// <summary>The rows of <paramref name="table"/> (all, or those listed) in this layout, one after the other.</summary>
    /// <exception cref="RiskDataException">The table lacks an input column.</exception>
    public float[] Rows(RiskTable table, IReadOnlyList<int>? rows = null)
    {
        var map = new int[Inputs.Count];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = table.IndexOf(Inputs[i]);
            if (map[i] < 0)
                throw new RiskDataException($"{table.Source}: line 1: no column '{Inputs[i]}', which the model was trained on");
        }

        var derivedFrom = Derived.Select(d => (Numerator: Index(d.Numerator), Denominator: Index(d.Denominator))).ToArray();
        var count = rows?.Count ?? table.RowCount;
        var result = new float[count * Width];
        for (var r = 0; r < count; r++)
        {
            var source = table.Row(rows is null ? r : rows[r]);
            var target = result.AsSpan(r * Width, Width);
            for (var i = 0; i < map.Length; i++)
                target[i] = source[map[i]];
            for (var d = 0; d < derivedFrom.Length; d++)
                target[map.Length + d] = Derived[d].Of(target[derivedFrom[d].Numerator], target[derivedFrom[d].Denominator]);
        }

        return result;
    }

    private int Index(string input)
    {
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (Inputs[i] == input)
                return i;
        }

        return -1;
    }
}
