namespace FraudStream.Scoring.Tests.Model;

/// <summary>
/// Rows of 16 features in [0, 1) whose label is x0 + x3 + small noise &gt; 1: separable up to the noise, with two
/// informative features among fourteen that carry nothing. x3 is missing (NaN) in 15 % of the rows, and those rows are
/// fraud more often (x0 &gt; 0.3), so the trees learn where a missing value goes.
/// </summary>
internal sealed class SyntheticFraudData
{
    public const int FeatureCount = 16;
    public const int MissingFeature = 3;

    public static readonly string[] FeatureNames = [.. Enumerable.Range(0, FeatureCount).Select(static i => $"x{i}")];

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
            var noise = (random.NextSingle() - 0.5f) * 0.1f;
            if (random.NextDouble() < 0.15)
            {
                row[MissingFeature] = float.NaN;
                labels[r] = row[0] + noise > 0.3f ? 1f : 0f;
            }
            else
            {
                labels[r] = row[0] + row[MissingFeature] + noise > 1f ? 1f : 0f;
            }
        }

        return new SyntheticFraudData(rows, labels);
    }
}
