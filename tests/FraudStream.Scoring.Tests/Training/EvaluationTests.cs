using FraudStream.Scoring.Training;

namespace FraudStream.Scoring.Tests.Training;

[TestFixture]
public sealed class EvaluationTests
{
    [Test]
    public void Auc_of_a_perfect_ranking_is_one_and_of_a_reversed_one_zero()
    {
        float[] labels = [0, 0, 1, 1];

        Assert.That(Evaluation.Auc(labels, [0.1f, 0.2f, 0.8f, 0.9f]), Is.EqualTo(1.0));
        Assert.That(Evaluation.Auc(labels, [0.9f, 0.8f, 0.2f, 0.1f]), Is.EqualTo(0.0));
    }

    [Test]
    public void Auc_with_ties_counts_them_as_half()
    {
        Assert.That(Evaluation.Auc([0, 1], [0.5f, 0.5f]), Is.EqualTo(0.5));
        Assert.That(Evaluation.Auc([0, 0, 1], [0.1f, 0.6f, 0.6f]), Is.EqualTo(0.75));
    }

    [Test]
    public void Auc_without_both_classes_is_undefined()
    {
        Assert.That(Evaluation.Auc([1, 1], [0.1f, 0.9f]), Is.NaN);
    }

    [Test]
    public void Average_precision_averages_the_precision_at_each_positive_ranked_by_score()
    {
        // Ranked: 0.9 fraud (precision 1), 0.8 not, 0.3 fraud (2 of 3): (1 + 2/3) / 2.
        Assert.That(Evaluation.AveragePrecision([0, 1, 0, 1], [0.1f, 0.9f, 0.8f, 0.3f]), Is.EqualTo(5.0 / 6).Within(1e-12));
        Assert.That(Evaluation.AveragePrecision([0, 0, 1, 1], [0.1f, 0.2f, 0.8f, 0.9f]), Is.EqualTo(1.0));
    }

    [Test]
    public void Average_precision_takes_tied_scores_as_one_step_and_is_undefined_without_positives()
    {
        Assert.That(Evaluation.AveragePrecision([0, 1], [0.5f, 0.5f]), Is.EqualTo(0.5));
        Assert.That(Evaluation.AveragePrecision([0, 1, 1], [0.5f, 0.5f, 0.9f]), Is.EqualTo((1 + (2.0 / 3)) / 2).Within(1e-12));
        Assert.That(Evaluation.AveragePrecision([0, 0], [0.1f, 0.9f]), Is.NaN);
    }

    [Test]
    public void Truth_csv_keeps_suspects_and_victims_apart_and_reports_bad_lines()
    {
        var errors = new List<string>();
        var csv = "number,kind,role,actorId\n+8613800000001,wangiri,suspect,w1\n+8613900000002,call_bombing,victim,b1\nnot-a-number,scam,suspect,s1\n+8613800000003,scam,accomplice,s2\n";

        var truth = TruthSet.Parse(new StringReader(csv), 86, errors);

        Assert.That(truth.IsSuspect(8613800000001UL), Is.True);
        Assert.That(truth.Suspects[8613800000001UL], Is.EqualTo("wangiri"));
        Assert.That(truth.IsSuspect(8613900000002UL), Is.False);
        Assert.That(truth.Victims, Is.EqualTo(1));
        Assert.That(errors, Is.EqualTo(new[] { "line 4: 'not-a-number' is not a phone number", "line 5: role 'accomplice' is neither suspect nor victim" }));
    }
}
