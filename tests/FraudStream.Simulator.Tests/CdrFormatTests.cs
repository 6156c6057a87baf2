namespace FraudStream.Simulator.Tests;

[TestFixture]
public sealed class CdrFormatTests
{
    private static SimulatedSample Sample => SimulatedSample.Standard;

    [Test]
    public void Every_line_is_a_valid_cdr_v1_record()
    {
        var invalid = Sample.Lines.Select(l => (Line: l, Cdr: CdrContract.Parse(l, out var problem), Problem: problem)).Where(x => x.Cdr is null).Take(3).ToList();

        Assert.That(Sample.Lines, Has.Count.EqualTo(400_000));
        Assert.That(invalid, Is.Empty, string.Join("\n", invalid.Select(x => $"{x.Problem}: {x.Line}")));
    }

    [Test]
    public void Record_ids_are_unique_without_requested_duplicates()
    {
        Assert.That(Sample.Originals.Select(c => c.RecordId), Is.Unique);
        Assert.That(Sample.Originals[0].RecordId, Is.EqualTo("sim-42-000000000001"));
    }

    [Test]
    public void Start_times_never_go_backwards_and_carry_the_start_offset()
    {
        var backwards = Sample.Originals.Zip(Sample.Originals.Skip(1)).Count(p => p.Second.StartTime < p.First.StartTime);

        Assert.That(backwards, Is.Zero);
        Assert.That(Sample.Originals[0].StartTime, Is.GreaterThanOrEqualTo(SimulatedSample.StandardOptions.Start));
        Assert.That(Sample.Originals.Select(c => c.StartTime.Offset).Distinct(), Is.EqualTo(new[] { TimeSpan.FromHours(8) }));
        Assert.That(Sample.SpanDays, Is.GreaterThan(1), "the sample covers a whole day");
    }

    [Test]
    public void Voice_and_sms_are_both_present_and_sms_carry_no_duration()
    {
        var sms = Sample.Originals.Where(c => c.IsSms).ToList();
        var voice = Sample.Originals.Where(c => c.IsVoice).ToList();

        Assert.That(sms.Count, Is.GreaterThan(Sample.Originals.Count / 5));
        Assert.That(voice.Count, Is.GreaterThan(Sample.Originals.Count / 2));
        Assert.That(sms.Select(c => c.DurationSec), Has.All.Zero);
        Assert.That(sms.Select(c => c.Answered), Has.All.False);
        Assert.That(Sample.Lines.Where(l => l.Contains("\"type\":\"sms\"", StringComparison.Ordinal)), Has.None.Contains("durationSec"));
    }

    [Test]
    public void Home_subscribers_calls_carry_a_luhn_valid_imei_and_a_cell()
    {
        var onNet = Sample.Originals.Where(c => c.Imei is not null).ToList();

        Assert.That(onNet.Count, Is.GreaterThan(Sample.Originals.Count / 2));
        Assert.That(onNet.Select(c => c.CellId), Has.All.Not.Null);
        Assert.That(onNet.Select(c => c.Imei!).Distinct().Where(i => !LuhnValid(i)), Is.Empty);
        Assert.That(onNet.Select(c => c.Caller), Has.All.StartWith("+86"));
    }

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            sum += d;
        }

        return sum % 10 == 0;
    }
}
