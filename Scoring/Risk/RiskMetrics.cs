using FraudStream.Scoring.Training;

namespace FraudStream.Scoring.Risk;

/// <summary>How scores separate labelled rows: AUC, AUPRC, and at a cut-off the fraud class's precision and recall and macro-F1.</summary>
public readonly record struct RiskMetrics(double Auc, double Auprc, double MacroF1, double Precision, double Recall, int Rows, int Fraud)
{
    public static RiskMetrics Of(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, float threshold)
    {
        var (f1, precision, recall) = AtThreshold(labels, scores, threshold);
        var fraud = 0;
        foreach (var label in labels)
            fraud += label > 0.5f ? 1 : 0;
        return new RiskMetrics(Evaluation.Auc(labels, scores), Evaluation.AveragePrecision(labels, scores), f1, precision, recall, labels.Length, fraud);
    }

    /// <summary>Macro-F1 (the mean of both classes' F1) and the fraud class's precision and recall, flagging scores ≥ <paramref name="threshold"/>.</summary>
    public static (double MacroF1, double Precision, double Recall) AtThreshold(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, float threshold)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var flagged = scores[i] >= threshold;
            var fraud = labels[i] > 0.5f;
            if (flagged && fraud) tp++;
            else if (flagged) fp++;
            else if (fraud) fn++;
            else tn++;
        }

        return ((F1(tp, fp, fn) + F1(tn, fn, fp)) / 2, Div(tp, tp + fp), Div(tp, tp + fn));
    }

    /// <summary>The cut-off with the highest macro-F1 on these rows (the lowest of equals), among the scores themselves.</summary>
    public static float BestMacroF1Threshold(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        var candidates = scores.ToArray();
        Array.Sort(candidates);
        var best = (F1: double.NegativeInfinity, Threshold: 0.5f);
        for (var i = 0; i < candidates.Length; i++)
        {
            if (i > 0 && candidates[i] == candidates[i - 1])
                continue;
            var (f1, _, _) = AtThreshold(labels, scores, candidates[i]);
            if (f1 > best.F1)
                best = (f1, candidates[i]);
        }

        return best.Threshold;
    }

    /// <summary>
    /// The lowest cut-off at which the flagged rows are at least <paramref name="precision"/> fraud (so as much fraud
    /// as that precision allows is flagged); 1 when no cut-off reaches it.
    /// </summary>
    public static float ThresholdForPrecision(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, double precision)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        var best = 1f;
        int tp = 0, flagged = 0;
        for (var i = keys.Length - 1; i >= 0;)
        {
            var j = i;
            while (j > 0 && keys[j - 1] == keys[i])
                j--;
            for (var k = j; k <= i; k++)
            {
                tp += labels[order[k]] > 0.5f ? 1 : 0;
                flagged++;
            }

            if ((double)tp / flagged >= precision)
                best = keys[i];
            i = j - 1;
        }

        return best;
    }

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);

    private static double Div(int a, int b) => b == 0 ? double.NaN : (double)a / b;
}
