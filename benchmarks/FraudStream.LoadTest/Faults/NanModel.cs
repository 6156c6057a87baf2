using System.Globalization;
using System.Text.Json.Nodes;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// A real XGBoost model that scores NaN for some rows: a copy of a shipped model whose first two trees are replaced
/// by stumps on one feature, with leaves +1e39 and -1e39 (infinities once XGBoost reads them as floats) on the
/// rows where the feature is below a threshold. The margin is then inf + -inf = NaN, and so is the probability;
/// other rows score as the remaining trees say. No mock: XGBoost itself computes the NaN. Used by the test suite
/// (model failures, fault item 16) and by <c>fraudstream bench --faults</c>'s <c>nan-model</c> scenario.
/// </summary>
internal static class NanModel
{
    /// <summary>Writes the NaN model to a temporary file and returns its path (the caller deletes it).</summary>
    /// <param name="source">An XGBoost JSON model with at least two trees.</param>
    /// <param name="feature">Rows with this feature below <paramref name="below"/> (and not missing) score NaN.</param>
    /// <param name="below">The stump's split condition.</param>
    public static string Write(string source, int feature, float below)
    {
        var model = JsonNode.Parse(File.ReadAllText(source))!;
        var trees = model["learner"]!["gradient_booster"]!["model"]!["trees"]!.AsArray();
        var features = (string)trees[0]!["tree_param"]!["num_feature"]!;
        trees[0] = Stump(0, feature, below, "POSITIVE", features);
        trees[1] = Stump(1, feature, below, "NEGATIVE", features);

        // System.Text.Json writes no number out of float range, so the infinities go in as text.
        var json = model.ToJsonString().Replace("\"POSITIVE\"", "1e39", StringComparison.Ordinal).Replace("\"NEGATIVE\"", "-1e39", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"fraudstream-nan-model-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    // Node 0 splits on the feature (missing goes right), node 1 (below) is the infinite leaf, node 2 adds 0.
    // Written as text: XGBoost wants its float arrays with decimal points, which System.Text.Json drops from 0.0.
    private static JsonNode Stump(int id, int feature, float below, string leaf, string features)
    {
        var condition = below.ToString("0.0###", CultureInfo.InvariantCulture);
        return JsonNode.Parse($$"""
            {
              "base_weights": [0.0, "{{leaf}}", 0.0], "categories": [], "categories_nodes": [], "categories_segments": [],
              "categories_sizes": [], "default_left": [0, 0, 0], "id": {{id}}, "left_children": [1, -1, -1],
              "loss_changes": [0.0, 0.0, 0.0], "parents": [2147483647, 0, 0], "right_children": [2, -1, -1],
              "split_conditions": [{{condition}}, "{{leaf}}", 0.0], "split_indices": [{{feature}}, 0, 0], "split_type": [0, 0, 0],
              "sum_hessian": [1.0, 1.0, 1.0],
              "tree_param": { "num_deleted": "0", "num_feature": "{{features}}", "num_nodes": "3", "size_leaf_vector": "0" }
            }
            """)!;
    }
}
