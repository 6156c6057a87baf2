using FraudStream.Scoring.Risk;

namespace FraudStream.Scoring.Tests.Risk;

[TestFixture]
public sealed class RiskMetricsTests
{
    private static readonly float[] s_labels = [0, 0, 0, 1, 0, 1, 1, 1];
    private static readonly float[] s_scores = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f];

    [Test]
    public void Macro_f1_averages_both_classes_and_precision_recall_are_the_fraud_class()
    {
        var (f1, precision, recall) = RiskMetrics.AtThreshold(s_labels, s_scores, 0.6f);

        Assert.That(precision, Is.EqualTo(1.0));
        Assert.That(recall, Is.EqualTo(0.75));
        // fraud F1 = 6/7, legitimate F1 = 8/9 (tp 4, fn 0, fp 1)
        Assert.That(f1, Is.EqualTo(((6.0 / 7) + (8.0 / 9)) / 2).Within(1e-12));
    }

    [Test]
    public void The_best_macro_f1_cut_off_and_the_precision_cut_off_come_from_the_scores()
    {
        Assert.That(RiskMetrics.BestMacroF1Threshold(s_labels, s_scores), Is.EqualTo(0.4f), "0.4 and 0.6 tie (6/7 and 8/9 either way round): the lowest");
        Assert.That(RiskMetrics.ThresholdForPrecision(s_labels, s_scores, 1.0), Is.EqualTo(0.6f));
        Assert.That(RiskMetrics.ThresholdForPrecision(s_labels, s_scores, 0.8), Is.EqualTo(0.4f), "4 of 5 from 0.4 up");
    }
}
