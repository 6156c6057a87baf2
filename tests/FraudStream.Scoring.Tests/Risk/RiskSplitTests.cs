using FraudStream.Scoring.Risk;

namespace FraudStream.Scoring.Tests.Risk;

[TestFixture]
public sealed class RiskSplitTests
{
    [Test]
    public void Stratified_split_is_60_20_20_with_the_fraud_share_in_every_part_and_the_same_for_a_seed()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i % 4 == 0 ? 1f : 0f).ToArray();

        var split = RiskSplit.Stratified(labels, seed: 3);
        var again = RiskSplit.Stratified(labels, seed: 3);
        var other = RiskSplit.Stratified(labels, seed: 4);

        Assert.That(split.Rows(RiskPart.Train), Has.Length.EqualTo(600));
        Assert.That(split.Rows(RiskPart.Validation), Has.Length.EqualTo(200));
        Assert.That(split.Rows(RiskPart.Test), Has.Length.EqualTo(200));
        Assert.That(split.Rows(RiskPart.Test).Count(r => labels[r] == 1), Is.EqualTo(50), "a quarter fraud, as the data");
        Assert.That(again.Rows(RiskPart.Test), Is.EqualTo(split.Rows(RiskPart.Test)));
        Assert.That(other.Rows(RiskPart.Test), Is.Not.EqualTo(split.Rows(RiskPart.Test)));
    }

    [Test]
    public void Split_file_names_each_row_once_with_its_label()
    {
        float[] labels = [0, 1, 0, 1];

        var split = RiskSplit.Read(new StringReader("row,label,split\n0,0,train\n1,1,val\n2,0,test\n3,1,train\n"), "split.csv", labels);

        Assert.That(split.Rows(RiskPart.Train), Is.EqualTo(new[] { 0, 3 }));
        Assert.That(split[1], Is.EqualTo(RiskPart.Validation));
    }

    [TestCase("row,label,split\n0,0,train\n1,0,val\n2,0,test\n", "split.csv: line 3, column 2 'label': '0', but row 1 of the data is labelled 1")]
    [TestCase("row,label,split\n0,0,train\n1,1,val\n", "split.csv: line 4: data row 2 has no part")]
    [TestCase("row,label,split\n0,0,train\n0,0,val\n", "split.csv: line 3, column 1 'row': row 0 is named twice")]
    [TestCase("row,label,split\n0,0,holdout\n", "split.csv: line 2, column 3 'split': 'holdout'")]
    public void A_split_of_another_file_is_refused(string csv, string message)
    {
        var e = Assert.Throws<RiskDataException>(() => RiskSplit.Read(new StringReader(csv), "split.csv", [0, 1, 0]));

        Assert.That(e!.Message, Does.StartWith(message));
    }
}
