namespace FraudStream.Scoring.Tests.Model;

/// <summary>
/// Rows of 16 features in [0, 1) whose label is x0 + x3 + small noise &gt; 1: separable up to the noise,
/// with two informative features among fourteen that carry nothing, one of them often missing.
/// </summary>
internal sealed class SyntheticFraudData
{
    public const int FeatureCount = 16;
    public const int MissingFeature = 7;

    private SyntheticFraudData(float[] rows, float[] labels)
    {
        Rows = rows;
        Labels = labels;
    }

    public float[] Rows { get; }

    public float[] Labels { get; }

    public int RowCount => Labels.Length;

    public ReadOnlySpan<float> Row(int index) => Rows.AsSpan(index * FeatureCount, FeatureCount);

    public static SyntheticFraudData Generate(int rowCount, int seed)
    {
        var random = new Random(seed);
        var rows = new float[rowCount * FeatureCount];
        var labels = new float[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            var row = rows.AsSpan(r * FeatureCount, FeatureCount);
            for (var f = 0; f < FeatureCount; f++)
                row[f] = random.NextSingle();
            if (random.NextDouble() < 0.1)
                row[MissingFeature] = float.NaN;
            var noise = (random.NextSingle() - 0.5f) * 0.1f;
            labels[r] = row[0] + row[3] + noise > 1f ? 1f : 0f;
        }

        return new SyntheticFraudData(rows, labels);
    }
}
