using System.Text;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Tests.Cdr;

[TestFixture]
public sealed class CdrDecoderTests
{
    private readonly CdrDecoder _decoder = new(homeCountryCode: 86, maxMessageBytes: 4096);

    private DecodeResult Decode(string json, out CallEvent callEvent) => _decoder.Decode(TestCdrs.Bytes(json), TestCdrs.Now, out callEvent);

    [Test]
    public void Decode_answered_voice_call_fills_every_field()
    {
        var result = Decode(TestCdrs.Voice(extra: ",\"imei\":\"356938035643809\",\"cellId\":\"460-00-1234-5678\",\"cliRestricted\":true"), out var e);

        Assert.That(result.IsOk, Is.True, result.Message);
        Assert.That(e.RecordId, Is.EqualTo("r-1"));
        Assert.That(e.Type, Is.EqualTo(CallType.Voice));
        Assert.That(e.Caller.ToString(), Is.EqualTo("+8613800000001"));
        Assert.That(e.Callee.ToString(), Is.EqualTo("+8613900000002"));
        Assert.That(e.StartTimeMs, Is.EqualTo(DateTimeOffset.Parse(TestCdrs.Start, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()));
        Assert.That(e.DurationSec, Is.EqualTo(42.5f));
        Assert.That(e.RingSec, Is.EqualTo(3f));
        Assert.That(e.Answered, Is.True);
        Assert.That(e.CliRestricted, Is.True);
        Assert.That(e.Imei, Is.EqualTo(356938035643809UL));
        Assert.That(e.CellHash, Is.Not.Zero);
        Assert.That(e.International, Is.False);
        Assert.That(e.RecordHash, Is.EqualTo(RecordHash.Of("r-1")));
    }

    [Test]
    public void Decode_sms_without_duration_or_answered_is_valid()
    {
        var result = Decode(TestCdrs.Sms(), out var e);

        Assert.That(result.IsOk, Is.True, result.Message);
        Assert.That(e.Type, Is.EqualTo(CallType.Sms));
        Assert.That(e.DurationSec, Is.Zero);
        Assert.That(e.Answered, Is.False);
    }

    [Test]
    public void Decode_national_numbers_are_normalised_with_the_home_country()
    {
        var result = Decode(TestCdrs.Voice(caller: "13800000001", callee: "01012345678"), out var e);

        Assert.That(result.IsOk, Is.True, result.Message);
        Assert.That(e.Caller.ToString(), Is.EqualTo("+8613800000001"));
        Assert.That(e.Callee.ToString(), Is.EqualTo("+861012345678"));
        Assert.That(e.International, Is.False);
    }

    [Test]
    public void Decode_caller_from_abroad_marks_the_call_international()
    {
        var result = Decode(TestCdrs.Voice(caller: "0044207946000", answered: false, duration: 0, ring: 2), out var e);

        Assert.That(result.IsOk, Is.True, result.Message);
        Assert.That(e.Caller.CountryCode, Is.EqualTo(44));
        Assert.That(e.International, Is.True);
    }

    [Test]
    public void Decode_unknown_fields_of_any_shape_are_ignored()
    {
        var result = Decode(TestCdrs.Voice(extra: ",\"vendor\":{\"a\":[1,2,{\"b\":null}]},\"x\":1.5e3,\"flags\":[true,false]"), out var e);

        Assert.That(result.IsOk, Is.True, result.Message);
        Assert.That(e.RecordId, Is.EqualTo("r-1"));
    }

    [Test]
    public void Decode_escaped_strings_are_unescaped()
    {
        var result = Decode(TestCdrs.Voice(recordId: "r\\u002d9", caller: "\\u002b8613800000001"), out var e);

        Assert.That(result.IsOk, Is.True, result.Message);
        Assert.That(e.RecordId, Is.EqualTo("r-9"));
        Assert.That(e.Caller.ToString(), Is.EqualTo("+8613800000001"));
    }

    [Test]
    public void Decode_utf8_byte_order_mark_is_tolerated()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(TestCdrs.Bytes(TestCdrs.Sms())).ToArray();

        Assert.That(_decoder.Decode(bytes, TestCdrs.Now, out _).IsOk, Is.True);
    }

    [TestCase("not json at all", CdrError.NotJson)]
    [TestCase("[1,2,3]", CdrError.NotJson)]
    [TestCase("", CdrError.NotJson)]
    [TestCase("{\"recordId\":\"r\",\"type\":\"voice\"", CdrError.NotJson)]
    [TestCase("{\"recordId\":\"r\",\"type\":\"sms\",\"caller\":\"+8613800000001\",\"callee\":\"+8613900000002\",\"startTime\":\"2026-03-02T09:15:04Z\"} {}", CdrError.NotJson)]
    [TestCase("{\"type\":\"sms\",\"caller\":\"+8613800000001\",\"callee\":\"+8613900000002\",\"startTime\":\"2026-03-02T09:15:04Z\"}", CdrError.MissingField)]
    [TestCase("{\"recordId\":\"r\",\"type\":\"sms\",\"caller\":\"+8613800000001\",\"startTime\":\"2026-03-02T09:15:04Z\"}", CdrError.MissingField)]
    [TestCase("{\"recordId\":\"r\",\"type\":\"voice\",\"caller\":\"+8613800000001\",\"callee\":\"+8613900000002\",\"startTime\":\"2026-03-02T09:15:04Z\",\"answered\":true}", CdrError.MissingField)]
    [TestCase("{\"recordId\":7,\"type\":\"sms\",\"caller\":\"+8613800000001\",\"callee\":\"+8613900000002\",\"startTime\":\"2026-03-02T09:15:04Z\"}", CdrError.WrongType)]
    [TestCase("{\"recordId\":\"\",\"type\":\"sms\",\"caller\":\"+8613800000001\",\"callee\":\"+8613900000002\",\"startTime\":\"2026-03-02T09:15:04Z\"}", CdrError.BadValue)]
    [TestCase("{\"recordId\":\"r\",\"type\":\"fax\",\"caller\":\"+8613800000001\",\"callee\":\"+8613900000002\",\"startTime\":\"2026-03-02T09:15:04Z\"}", CdrError.BadValue)]
    [TestCase("{\"recordId\":\"r\",\"recordId\":\"q\",\"type\":\"sms\",\"caller\":\"+8613800000001\",\"callee\":\"+8613900000002\",\"startTime\":\"2026-03-02T09:15:04Z\"}", CdrError.DuplicateField)]
    public void Decode_malformed_record_names_the_error(string json, CdrError expected)
    {
        var result = Decode(json, out _);

        Assert.That(result.Error, Is.EqualTo(expected), result.Message);
        Assert.That(result.Message, Is.Not.Empty);
    }

    [TestCase("\"durationSec\":\"42\"", CdrError.WrongType)]
    [TestCase("\"answered\":\"yes\"", CdrError.WrongType)]
    [TestCase("\"durationSec\":-1", CdrError.BadValue)]
    [TestCase("\"durationSec\":90000", CdrError.AbsurdValue)]
    [TestCase("\"ringSec\":601", CdrError.AbsurdValue)]
    [TestCase("\"imei\":\"12345\"", CdrError.BadValue)]
    public void Decode_bad_field_value_names_the_error(string field, CdrError expected)
    {
        var name = field[1..field.IndexOf('"', 1)];
        var json = TestCdrs.Voice().Replace($"\"{name}\":", $"\"ignored_{name}\":", StringComparison.Ordinal);
        json = json[..^1] + "," + field + "}";

        var result = Decode(json, out _);

        Assert.That(result.Error, Is.EqualTo(expected), result.Message);
        Assert.That(result.Message, Does.Contain(name));
    }

    [Test]
    public void Decode_unanswered_call_with_a_duration_is_rejected()
    {
        Assert.That(Decode(TestCdrs.Voice(answered: false, duration: 30), out _).Error, Is.EqualTo(CdrError.BadValue));
    }

    [Test]
    public void Decode_sms_with_a_duration_is_rejected()
    {
        Assert.That(Decode(TestCdrs.Sms(extra: ",\"durationSec\":12"), out _).Error, Is.EqualTo(CdrError.BadValue));
    }

    [TestCase("1234", CdrError.BadNumber)]
    [TestCase("+86 138 0000 0001", CdrError.BadNumber)]
    [TestCase("+8613800000001234567", CdrError.BadNumber)]
    public void Decode_bad_number_is_dead_lettered_as_bad_number(string number, CdrError expected)
    {
        var result = Decode(TestCdrs.Voice(callee: number), out _);

        Assert.That(result.Error, Is.EqualTo(expected), result.Message);
        Assert.That(result.Message, Does.Contain("callee"));
    }

    [TestCase("2026-03-02T09:15:04", CdrError.BadTime)]
    [TestCase("2026-02-30T09:15:04Z", CdrError.BadTime)]
    [TestCase("yesterday", CdrError.BadTime)]
    [TestCase("1999-12-31T23:59:59Z", CdrError.AbsurdValue)]
    [TestCase("2026-03-04T12:00:00+08:00", CdrError.AbsurdValue)]
    public void Decode_bad_or_absurd_start_time_is_rejected(string start, CdrError expected)
    {
        Assert.That(Decode(TestCdrs.Voice(start: start), out _).Error, Is.EqualTo(expected));
    }

    [Test]
    public void Decode_message_over_the_size_limit_is_rejected_unread()
    {
        var json = TestCdrs.Voice(extra: ",\"padding\":\"" + new string('x', 5000) + "\"");

        Assert.That(Decode(json, out _).Error, Is.EqualTo(CdrError.TooLarge));
    }

    [Test]
    public void Decode_invalid_utf8_in_a_string_is_rejected()
    {
        var bytes = TestCdrs.Bytes(TestCdrs.Voice(recordId: "r-XY"));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // an invalid two-byte sequence

        var result = _decoder.Decode(bytes, TestCdrs.Now, out _);

        Assert.That(result.Error, Is.EqualTo(CdrError.NotJson), result.Message);
    }

    [Test]
    public void Decode_allocates_only_the_record_id()
    {
        var bytes = TestCdrs.Bytes(TestCdrs.Voice(recordId: "rec-0000000001", extra: ",\"cellId\":\"460-00-1234-5678\",\"unknown\":[1,{\"a\":2}]"));
        _decoder.Decode(bytes, TestCdrs.Now, out _); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            _decoder.Decode(bytes, TestCdrs.Now, out _);
        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;

        // A 14-character string is 56 bytes on 64-bit .NET; any other per-record object would add at least 24.
        Assert.That(perRecord, Is.LessThan(56 + 24));
    }
}
