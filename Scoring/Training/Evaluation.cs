namespace FraudStream.Scoring.Training;

/// <summary>How a model did on held-out data: per event and per number, overall and per fraud kind.</summary>
public sealed record Evaluation(
    double EventAuc,
    double EventAuprc,
    double EventPrecision,
    double EventRecall,
    double NumberPrecision,
    double NumberRecall,
    int TestNumbers,
    int TestSuspects,
    IReadOnlyList<KindRecall> PerKind)
{
    /// <summary>A number is flagged when any of its events scores at least this.</summary>
    public const float Threshold = 0.5f;

    /// <summary>Scores the test rows of <paramref name="data"/> with <paramref name="scores"/> (one per test row).</summary>
    public static Evaluation Of(TrainingSet data, ReadOnlySpan<float> scores)
    {
        var labels = data.TestLabels;
        int tp = 0, fp = 0, fn = 0;
        var maxScore = new Dictionary<ulong, float>();
        for (var i = 0; i < labels.Length; i++)
        {
            var flagged = scores[i] >= Threshold;
            var positive = labels[i] > 0.5f;
            if (flagged && positive) tp++;
            else if (flagged) fp++;
            else if (positive) fn++;

            var caller = data.TestCallers[i];
            maxScore[caller] = Math.Max(maxScore.GetValueOrDefault(caller), scores[i]);
        }

        int ntp = 0, nfp = 0, nfn = 0;
        var kinds = new SortedDictionary<string, (int Found, int Total)>(StringComparer.Ordinal);
        foreach (var (number, score) in maxScore)
        {
            var suspect = data.Truth.Suspects.TryGetValue(number, out var kind);
            var flagged = score >= Threshold;
            if (flagged && suspect) ntp++;
            else if (flagged) nfp++;
            else if (suspect) nfn++;

            if (suspect)
            {
                var (found, total) = kinds.GetValueOrDefault(kind!);
                kinds[kind!] = (found + (flagged ? 1 : 0), total + 1);
            }
        }

        var perKind = kinds.Select(k => new KindRecall(k.Key, k.Value.Found, k.Value.Total)).ToList();
        return new Evaluation(Auc(labels, scores), AveragePrecision(labels, scores), Div(tp, tp + fp), Div(tp, tp + fn), Div(ntp, ntp + nfp), Div(ntp, ntp + nfn),
            maxScore.Count, ntp + nfn, perKind);
    }

    /// <summary>Area under the ROC curve by the rank-sum (Mann-Whitney) formula, ties averaged.</summary>
    public static double Auc(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        var (keys, order) = Ranked(scores);
        double rankSumPositive = 0;
        long positives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && keys[j + 1] == keys[i])
                j++;
            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]] > 0.5f)
                {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        long negatives = labels.Length - positives;
        return positives == 0 || negatives == 0 ? double.NaN : (rankSumPositive - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>
    /// Area under the precision-recall curve as average precision: the precision at each positive, ranked by score,
    /// averaged over the positives (tied scores form one step, as scikit-learn's <c>average_precision_score</c>).
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        var (keys, order) = Ranked(scores);
        long positives = 0;
        foreach (var label in labels)
            positives += label > 0.5f ? 1 : 0;
        if (positives == 0)
            return double.NaN;

        // From the highest score down, one threshold per distinct score.
        double sum = 0;
        long truePositives = 0, flagged = 0;
        for (var i = order.Length - 1; i >= 0;)
        {
            var j = i;
            while (j - 1 >= 0 && keys[j - 1] == keys[i])
                j--;
            long newPositives = 0;
            for (var k = j; k <= i; k++)
                newPositives += labels[order[k]] > 0.5f ? 1 : 0;
            truePositives += newPositives;
            flagged += i - j + 1;
            sum += newPositives * ((double)truePositives / flagged);
            i = j - 1;
        }

        return sum / positives;
    }

    // The scores in ascending order, and the row each came from.
    private static (float[] Keys, int[] Order) Ranked(ReadOnlySpan<float> scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        return (keys, order);
    }

    private static double Div(int a, int b) => b == 0 ? double.NaN : (double)a / b;
}

/// <summary>Of the suspect numbers of one fraud kind in the test split, how many the model flagged.</summary>
public sealed record KindRecall(string Kind, int Found, int Total)
{
    public double Recall => Total == 0 ? double.NaN : (double)Found / Total;
}
