using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Training;

/// <summary>
/// The model's <c>ml_fraud</c> cut-off chosen on traffic it was not trained on, against a budget of false warnings
/// per legitimate number (not per event: a busy number scored a thousand times must not be warned once): the
/// lowest score at which at most that share of legitimate callers reach it with any of their events.
/// </summary>
public static class ThresholdChoice
{
    /// <param name="Threshold">The cut-off (the model's <c>minScore</c>).</param>
    /// <param name="LegitimateCallers">Legitimate callers in the validation traffic.</param>
    /// <param name="LegitimateAbove">Of them, those with an event at or above the cut-off.</param>
    /// <param name="Suspects">Suspects that placed calls.</param>
    /// <param name="SuspectsAbove">Of them, those with an event at or above the cut-off.</param>
    public readonly record struct Choice(float Threshold, int LegitimateCallers, int LegitimateAbove, int Suspects, int SuspectsAbove);

    /// <param name="history">Events played through the feature state first and not scored (who called whom before).</param>
    public static Choice ForBudget(FraudModel model, IReadOnlyList<CallEvent> history, IReadOnlyList<CallEvent> events, TruthSet truth, double budget,
        FeatureOptions options, ushort homeCountryCode = 86)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        var highest = HighestScores(model, history, events, options, homeCountryCode);
        var legitimate = new List<float>();
        var suspects = new List<float>();
        foreach (var (number, score) in highest)
        {
            if (truth.IsSuspect(number))
                suspects.Add(score);
            else if (!truth.VictimKinds.ContainsKey(number))
                legitimate.Add(score);
        }

        legitimate.Sort((a, b) => b.CompareTo(a));
        var allowed = (int)Math.Floor(budget * legitimate.Count);
        // Just above the (allowed + 1)-th highest legitimate score: at most `allowed` legitimate numbers reach it.
        var threshold = allowed < legitimate.Count ? MathF.BitIncrement(legitimate[allowed]) : 0f;
        threshold = Math.Clamp(threshold, 0f, 1f);
        var legitimateAbove = legitimate.Count(s => s >= threshold);
        var suspectsAbove = suspects.Count(s => s >= threshold);
        return new Choice(threshold, legitimate.Count, legitimateAbove, suspects.Count, suspectsAbove);
    }

    // Each caller's highest score over its events, through the stream's own feature code.
    private static Dictionary<ulong, float> HighestScores(FraudModel model, IReadOnlyList<CallEvent> history, IReadOnlyList<CallEvent> events,
        FeatureOptions options, ushort homeCountryCode)
    {
        var extractor = new FeatureExtractor(Side.Outbound, options, new PairRecency(options.PairTableBits), homeCountryCode);
        var features = new FeatureVector();
        foreach (var e in history)
            extractor.Apply(e, ref features);

        const int batch = 1024;
        var rows = new float[batch * Feature.Count];
        var scores = new float[batch];
        var callers = new ulong[batch];
        var highest = new Dictionary<ulong, float>();
        var n = 0;
        for (var i = 0; i <= events.Count; i++)
        {
            if (n == batch || (i == events.Count && n > 0))
            {
                model.PredictBatch(rows.AsSpan(0, n * Feature.Count), n, scores.AsSpan(0, n));
                for (var j = 0; j < n; j++)
                {
                    if (!highest.TryGetValue(callers[j], out var s) || scores[j] > s)
                        highest[callers[j]] = scores[j];
                }

                n = 0;
            }

            if (i == events.Count)
                break;
            var e = events[i];
            extractor.Apply(e, ref features);
            features.AsSpan().CopyTo(rows.AsSpan(n * Feature.Count, Feature.Count));
            callers[n++] = e.Caller.Value;
        }

        return highest;
    }
}
