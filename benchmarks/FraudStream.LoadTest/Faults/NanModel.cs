using System.IO.Compression;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// A real ML.NET model that scores NaN for some rows: two one-split trees on one feature, trained by
/// <see cref="ForestTrainer"/> like any model, then the leaf each tree gives rows below the split rewritten in the
/// model zip to +infinity and -infinity. Such rows' margin is inf + -inf = NaN, and so is their probability; rows above
/// the split score low. No mock: the model file is ML.NET's, loaded and compiled as any other. Used by the test suite
/// (model failures, fault item 16) and by <c>fraudstream bench --faults</c>'s <c>nan-model</c> scenario.
/// </summary>
internal static class NanModel
{
    /// <summary>Writes the NaN model to a temporary file and returns its path (the caller deletes it).</summary>
    /// <param name="feature">Rows with this feature below <paramref name="below"/> score NaN; it must take 0 and 1.</param>
    /// <param name="below">Where the trees split, between 0 and 1.</param>
    public static string Write(int feature, float below)
    {
        // Rows with the feature at 0 are fraud, at 1 legitimate: each tree splits on it and nothing else.
        const int Rows = 2_000;
        var rows = new float[Rows * Feature.Count];
        var labels = new float[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var value = i % 2;
            rows[(i * Feature.Count) + feature] = value;
            labels[i] = value < below ? 1 : 0;
        }

        var model = ForestTrainer.Train(rows, Rows, Feature.Names, labels, new ForestTrainingOptions { Trees = 2, Leaves = 2, MinimumRowsPerLeaf = 1, Seed = 1 });
        var forest = model.Forest;
        var low = rows.AsSpan(0, Feature.Count);
        var first = forest.Leaves[forest.Leaf(forest.Roots[0], low)];
        var second = forest.Leaves[forest.Leaf(forest.Roots[1], low)];
        if (forest.TreeCount != 2 || first == second)
            throw new InvalidOperationException($"the NaN model's trees came out unexpected ({forest.TreeCount} trees, leaves {first} and {second})");

        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-nan-model-{Guid.NewGuid():N}.zip");
        model.Save(path);
        Patch(path, first, double.PositiveInfinity);
        Patch(path, second, double.NegativeInfinity);
        return path;
    }

    // ML.NET writes leaf values as little-endian doubles: rewrites every occurrence of one in the zip's entries.
    private static void Patch(string path, double leaf, double replacement)
    {
        var from = BitConverter.GetBytes(leaf);
        var to = BitConverter.GetBytes(replacement);
        var found = 0;
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            foreach (var entry in archive.Entries.ToList())
            {
                byte[] content;
                using (var stream = entry.Open())
                using (var copy = new MemoryStream())
                {
                    stream.CopyTo(copy);
                    content = copy.ToArray();
                }

                var changed = false;
                for (var at = content.AsSpan().IndexOf(from); at >= 0; at = content.AsSpan().IndexOf(from))
                {
                    to.CopyTo(content, at);
                    changed = true;
                    found++;
                }

                if (changed)
                {
                    using var stream = entry.Open();
                    stream.SetLength(0);
                    stream.Write(content);
                }
            }
        }

        if (found == 0)
            throw new InvalidOperationException($"leaf value {leaf} not found in the model zip");
    }
}
