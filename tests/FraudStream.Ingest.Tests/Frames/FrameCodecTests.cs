using System.Buffers.Binary;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;

namespace FraudStream.Ingest.Tests.Frames;

[TestFixture]
public sealed class FrameCodecTests
{
    [Test]
    public void Encode_then_decode_gives_the_same_events_and_hints()
    {
        var frame = TestFrames.Frame(50);

        var records = TestFrames.ReadAll(frame);

        Assert.That(records, Has.Count.EqualTo(50));
        for (var i = 0; i < 50; i++)
        {
            Assert.That(records[i].Event, Is.EqualTo(TestFrames.Event(i)), $"record {i}");
            Assert.That(records[i].Hints, Is.EqualTo(TestFrames.Hints(i)), $"record {i}");
        }
    }

    [Test]
    public void Extreme_values_survive_bit_for_bit()
    {
        var e = TestFrames.Event(1, recordId: "ид-😀-" + new string('x', 40)) with
        {
            Caller = new PhoneNumber(ulong.MaxValue, 255, ushort.MaxValue),
            Callee = new PhoneNumber(0, 0, 0),
            StartTimeMs = long.MinValue,
            RingSec = float.NaN,
            DurationSec = float.MaxValue,
            Imei = ulong.MaxValue,
            CellHash = 1,
            RecordHash = ulong.MaxValue,
        };
        var hints = new RecordHints(long.MaxValue, 65_534, 65_535, long.MinValue, (HintFlags)0xFF, 7.25f);
        using var writer = new FrameWriter();
        writer.Start(65_534, 65_535);
        writer.Add(e, hints);

        var (decoded, decodedHints) = TestFrames.ReadAll(writer.ToArray())[0];

        Assert.That(decoded, Is.EqualTo(e));
        Assert.That(BitConverter.SingleToInt32Bits(decoded.RingSec), Is.EqualTo(BitConverter.SingleToInt32Bits(float.NaN)));
        Assert.That(decodedHints, Is.EqualTo(hints), "hint bits this version does not know are kept");
    }

    [Test]
    public void A_frame_without_ordering_keys_says_so()
    {
        var (_, hints) = TestFrames.ReadAll(TestFrames.Frame(1, source: 0, sources: 0))[0];

        Assert.That(hints.HasOrder, Is.False);
    }

    [Test]
    public void A_writer_is_reusable_and_grows_past_its_first_buffer()
    {
        using var writer = new FrameWriter();
        writer.Start(0, 1);
        writer.Add(TestFrames.Event(1), TestFrames.Hints(1));
        _ = writer.ToArray();
        writer.Start(0, 1);
        for (var i = 0; i < 2_000; i++)
            writer.Add(TestFrames.Event(i), TestFrames.Hints(i, 0, 1));

        var records = TestFrames.ReadAll(writer.ToArray());

        Assert.That(records, Has.Count.EqualTo(2_000));
        Assert.That(records[1_999].Event, Is.EqualTo(TestFrames.Event(1_999)));
    }

    [TestCase(0, "no magic")]
    [TestCase(3, "unknown frame version")]
    public void A_bad_header_is_refused_with_its_reason(int at, string reason)
    {
        var frame = TestFrames.Frame(2);
        frame[at] ^= 0x55;

        Assert.That(FrameReader.TryOpen(frame, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void A_count_larger_than_the_bytes_hold_is_refused_before_reading()
    {
        var frame = TestFrames.Frame(2);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), uint.MaxValue);

        Assert.That(FrameReader.TryOpen(frame, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("records claimed"));
    }

    [Test]
    public void A_count_smaller_than_the_records_leaves_bytes_over_and_is_refused()
    {
        var frame = TestFrames.Frame(3);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), 2);

        Assert.That(FrameReader.TryOpen(frame, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("after the last"));
    }

    [Test]
    public void A_truncated_frame_is_refused()
    {
        var frame = TestFrames.Frame(3);

        Assert.That(FrameReader.TryOpen(frame.AsSpan(0, frame.Length - 1), out _, out var error), Is.False);
        Assert.That(error, Does.Contain("truncated").Or.Contain("claimed"));
    }

    [Test]
    public void A_record_id_that_is_not_utf8_is_refused()
    {
        var frame = TestFrames.Frame(1);
        frame[FrameFormat.HeaderLength + FrameFormat.FixedRecordLength] = 0xFF;

        Assert.That(FrameReader.TryOpen(frame, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("UTF-8"));
    }

    [Test]
    public void Empty_input_is_not_a_frame()
    {
        Assert.That(FrameReader.TryOpen([], out _, out var error), Is.False);
        Assert.That(error, Does.Contain("magic"));
    }

    [Test]
    public void Writer_refuses_an_empty_record_id()
    {
        using var writer = new FrameWriter();
        writer.Start(0, 1);

        Assert.That(() => writer.Add(TestFrames.Event(1, recordId: ""), default), Throws.ArgumentException);
    }
}
