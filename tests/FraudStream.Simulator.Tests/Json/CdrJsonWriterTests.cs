using System.Text;
using FraudStream.Simulator.Json;
using FraudStream.Simulator.Records;

namespace FraudStream.Simulator.Tests.Json;

[TestFixture]
public sealed class CdrJsonWriterTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public void Write_voice_record_gives_the_exact_cdr_v1_line()
    {
        var writer = new CdrJsonWriter(7, s_start, 86);
        var record = new CallRecord
        {
            TimeMs = 33_304_250,
            Caller = 8613812345678,
            Callee = 447700900123,
            Type = CallType.Voice,
            Answered = true,
            RingMs = 7_250,
            DurationSec = 95,
            Imei = 353320110000013,
            CellId = 100_123,
            CliRestricted = true,
        };

        writer.Write(record, 12_345);

        Assert.That(Encoding.UTF8.GetString(writer.Record), Is.EqualTo(
            """{"recordId":"sim-7-000000012345","type":"voice","caller":"+8613812345678","callee":"+447700900123","startTime":"2026-03-02T09:15:04.250+08:00","ringSec":7.2,"durationSec":95,"answered":true,"imei":"353320110000013","cellId":"460-00-100123","cliRestricted":true}"""));
        Assert.That(Encoding.UTF8.GetString(writer.Key), Is.EqualTo("+8613812345678"));
    }

    [Test]
    public void Write_sms_from_another_network_omits_duration_answered_and_unknown_fields()
    {
        var writer = new CdrJsonWriter(42, s_start, 86);
        var record = new CallRecord { TimeMs = 1, Caller = 8613800000001, Callee = 8613900000002, Type = CallType.Sms };

        writer.Write(record, 1);

        Assert.That(Encoding.UTF8.GetString(writer.Record), Is.EqualTo(
            """{"recordId":"sim-42-000000000001","type":"sms","caller":"+8613800000001","callee":"+8613900000002","startTime":"2026-03-02T00:00:00.001+08:00","ringSec":0}"""));
    }

    [TestCase(nameof(Corruption.MissingCallee), "callee missing")]
    [TestCase(nameof(Corruption.NegativeDuration), "voice durationSec missing or negative")]
    [TestCase(nameof(Corruption.BadNumber), "caller not E.164")]
    [TestCase(nameof(Corruption.WrongType), "type 'video'")]
    public void Write_with_a_corruption_breaks_exactly_that_rule_of_the_contract(string corruption, string problem)
    {
        var writer = new CdrJsonWriter(42, s_start, 86);
        var record = new CallRecord { Caller = 8613800000001, Callee = 8613900000002, Type = CallType.Voice, Answered = true, RingMs = 5000, DurationSec = 30 };

        writer.Write(record, 1, Enum.Parse<Corruption>(corruption));

        Assert.That(CdrContract.Parse(Encoding.UTF8.GetString(writer.Record), out var actual), Is.Null);
        Assert.That(actual, Does.StartWith(problem));
    }
}
