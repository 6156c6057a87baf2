using FraudStream.Scoring.Risk;

namespace FraudStream.Scoring.Tests.Risk;

/// <summary>A per-number CSV is read whole or refused in one line naming the line and the column; nothing is skipped.</summary>
[TestFixture]
public sealed class RiskTableReaderTests
{
    private const string Header = "phone_no_m,opposite_count,call_dur_mean,label";

    [Test]
    public void Read_takes_the_first_column_as_id_the_label_apart_and_empty_cells_as_missing()
    {
        var table = Read($"{Header}\nabc,12,3.5,1\ndef,,0,0\n");

        Assert.That(table.Ids, Is.EqualTo(new[] { "abc", "def" }));
        Assert.That(table.Columns, Is.EqualTo(new[] { "opposite_count", "call_dur_mean" }));
        Assert.That(table.Labels, Is.EqualTo(new[] { 1f, 0f }));
        Assert.That(table.Row(0).ToArray(), Is.EqualTo(new[] { 12f, 3.5f }));
        Assert.That(float.IsNaN(table.Row(1)[0]), Is.True, "an empty cell is a missing value");
    }

    [TestCase("", "data.csv: line 1: the file is empty")]
    [TestCase("phone_no_m,opposite_count,call_dur_mean\nabc,1,2\n", "data.csv: line 1: no label column 'label'")]
    [TestCase(Header + "\nabc,1,2,0\ndef,1,x2,0\n", "data.csv: line 3, column 3 'call_dur_mean': 'x2' is not a number")]
    [TestCase(Header + "\nabc,1,2,0\ndef,1,2\n", "data.csv: line 3: 3 fields, but the header has 4")]
    [TestCase(Header + "\nabc,1,2,0\nabc,1,2,1\n", "data.csv: line 3, column 1 'phone_no_m': 'abc' already has a row, on line 2")]
    [TestCase(Header + "\nabc,1,2,2\n", "data.csv: line 2, column 4 'label': '2' is not a label")]
    [TestCase(Header + "\nabc,1,inf,0\n", "data.csv: line 2, column 3 'call_dur_mean': 'inf' is not a number")]
    [TestCase(Header + "\n", "data.csv: line 2: no rows after the header")]
    [TestCase(Header + "\nabc,1,2,0\n\ndef,1,2,0\n", "data.csv: line 3: an empty line")]
    public void Bad_input_is_refused_in_one_line_naming_line_and_column(string csv, string message)
    {
        var e = Assert.Throws<RiskDataException>(() => Read(csv));

        Assert.That(e!.Message, Does.StartWith(message));
        Assert.That(e.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void Without_required_label_a_file_without_one_is_read()
    {
        var table = RiskTableReader.Read(new StringReader("number,opposite_count\n+8613800000001,4\n"), "data.csv", requireLabel: false);

        Assert.That(table.Labels, Is.Null);
        Assert.That(table.Ids.Single(), Is.EqualTo("+8613800000001"));
    }

    private static RiskTable Read(string csv) => RiskTableReader.Read(new StringReader(csv), "data.csv");
}
