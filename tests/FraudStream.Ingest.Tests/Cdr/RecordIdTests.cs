using System.Text;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;
using FraudStream.Ingest.Tests.Frames;

namespace FraudStream.Ingest.Tests.Cdr;

/// <summary>
/// Record ids kept as the bytes they were read from: the same verdicts, ids, hashes and frames as with strings,
/// and no string per record.
/// </summary>
[TestFixture]
public sealed class RecordIdTests
{
    private static readonly string[] s_ids =
    [
        "r-1", "sim-42-000000000001", "日本-42", "é", new string('x', 64), new string('x', 65), new string('é', 64),
        new string('é', 65), "   ", "\\u0041b", "a\\\"b", "\\u65e5", "\\t", "\\uD83D\\uDE00", "🙂", "tab\\there",
    ];

    [TestCaseSource(nameof(s_ids))]
    public void DecodeKeepingId_gives_what_Decode_gives(string id)
    {
        var decoder = new CdrDecoder();
        foreach (var json in new[] { TestCdrs.Voice(recordId: id), "\uFEFF" + TestCdrs.Sms(recordId: id) })
        {
            var bytes = TestCdrs.Bytes(json);

            var fromSpan = decoder.Decode(bytes, TestCdrs.Now, out var expected);
            var fromArray = decoder.DecodeKeepingId(bytes, TestCdrs.Now, out var actual);

            Assert.That((fromArray.Error, fromArray.Message), Is.EqualTo((fromSpan.Error, fromSpan.Message)), json);
            Assert.That(actual.RecordId.ToString(), Is.EqualTo(expected.RecordId.ToString()), json);
            Assert.That(actual.RecordHash, Is.EqualTo(expected.RecordHash), json);
            Assert.That(actual, Is.EqualTo(expected), json);
        }
    }

    [TestCaseSource(nameof(s_ids))]
    public void DecodeKeepingId_of_a_message_inside_a_larger_array_gives_what_Decode_gives(string id)
    {
        var decoder = new CdrDecoder();
        foreach (var json in new[] { TestCdrs.Voice(recordId: id), "\uFEFF" + TestCdrs.Sms(recordId: id) })
        {
            var bytes = TestCdrs.Bytes(json);
            var slab = new byte[bytes.Length + 20];
            slab.AsSpan().Fill((byte)'#');
            bytes.CopyTo(slab, 13);

            var fromSpan = decoder.Decode(bytes, TestCdrs.Now, out var expected);
            var fromSlab = decoder.DecodeKeepingId(slab, 13, bytes.Length, TestCdrs.Now, out var actual);

            Assert.That((fromSlab.Error, fromSlab.Message), Is.EqualTo((fromSpan.Error, fromSpan.Message)), json);
            Assert.That(actual.RecordId.ToString(), Is.EqualTo(expected.RecordId.ToString()), json);
            Assert.That(actual, Is.EqualTo(expected), json);
        }
    }

    [Test]
    public void Frame_inside_a_larger_array_read_keeping_ids_gives_the_ids_written()
    {
        var ids = new[] { "a", "日本-42", new string('z', 200) };
        using var writer = new FrameWriter();
        writer.Start(0, 0);
        for (var i = 0; i < ids.Length; i++)
            writer.Add(TestFrames.Event(i, ids[i]), TestFrames.Hints(i, 0, 0));
        var frame = writer.ToArray();
        var slab = new byte[frame.Length + 50];
        slab.AsSpan().Fill(0xEE);
        frame.CopyTo(slab, 37);

        var read = new List<string>();
        Assert.That(FrameReader.TryOpenKeepingIds(slab, 37, frame.Length, out var reader, out var error), Is.True, error);
        while (reader.TryRead(out var e, out _))
            read.Add(e.RecordId.ToString());

        Assert.That(read, Is.EqualTo(ids));
    }

    [Test]
    public void DecodeKeepingId_allocates_nothing_for_an_unescaped_id()
    {
        var decoder = new CdrDecoder();
        var bytes = TestCdrs.Bytes(TestCdrs.Voice(recordId: "sim-42-000000000001"));
        decoder.DecodeKeepingId(bytes, TestCdrs.Now, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = decoder.DecodeKeepingId(bytes, TestCdrs.Now, out var e);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(result.IsOk, Is.True);
        Assert.That(allocated, Is.Zero);
        Assert.That(e.RecordId.ToString(), Is.EqualTo("sim-42-000000000001"));
    }

    [Test]
    public void Frame_read_keeping_ids_gives_the_ids_written_and_allocates_no_string()
    {
        var ids = new[] { "a", "日本-42", "🙂", new string('z', 200) };
        using var writer = new FrameWriter();
        writer.Start(0, 0);
        for (var i = 0; i < ids.Length; i++)
            writer.Add(TestFrames.Event(i, ids[i]), TestFrames.Hints(i, 0, 0));
        var frame = writer.ToArray();

        var read = new CallEvent[ids.Length];
        Assert.That(FrameReader.TryOpenKeepingIds(frame, out var reader, out var error), Is.True, error);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; reader.TryRead(out var e, out _); i++)
            read[i] = e;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(read.Select(e => e.RecordId.ToString()), Is.EqualTo(ids));
        Assert.That(read, Is.EqualTo(ids.Select((id, i) => TestFrames.Event(i, id))), "equal to the events written, ids held as strings");

        // Written again, an id kept as bytes gives the same bytes.
        writer.Start(0, 0);
        for (var i = 0; i < read.Length; i++)
            writer.Add(read[i], TestFrames.Hints(i, 0, 0));
        Assert.That(writer.ToArray(), Is.EqualTo(frame));
    }

    [Test]
    public void Decode_and_TryOpen_make_strings_of_ids_so_the_array_may_be_reused()
    {
        var json = TestCdrs.Bytes(TestCdrs.Voice(recordId: "r-1"));
        Assert.That(new CdrDecoder().Decode(json, TestCdrs.Now, out var decoded).IsOk, Is.True);
        using var writer = new FrameWriter();
        writer.Start(0, 0);
        writer.Add(TestFrames.Event(1, "f-1"), TestFrames.Hints(1, 0, 0));
        var frame = writer.ToArray();
        Assert.That(FrameReader.TryOpen(frame, out var reader, out var error), Is.True, error);
        Assert.That(reader.TryRead(out var read, out _), Is.True);

        json.AsSpan().Fill((byte)'x');
        frame.AsSpan().Fill((byte)'x');

        Assert.That(decoded.RecordId.ToString(), Is.EqualTo("r-1"));
        Assert.That(read.RecordId.ToString(), Is.EqualTo("f-1"));
    }

    [Test]
    public void Ids_equal_across_forms_compare_and_hash_alike()
    {
        var bytes = Encoding.UTF8.GetBytes("xx日本-42yy");
        var fromBytes = new RecordId(bytes, 2, bytes.Length - 4);
        RecordId fromString = "日本-42";

        Assert.That(fromBytes, Is.EqualTo(fromString));
        Assert.That(fromBytes == fromString, Is.True);
        Assert.That(fromBytes.GetHashCode(), Is.EqualTo(fromString.GetHashCode()));
        Assert.That(fromBytes.Equals("日本-42"), Is.True);
        Assert.That(fromBytes.Utf8Length, Is.EqualTo(fromString.Utf8Length));
        Assert.That(fromBytes, Is.Not.EqualTo((RecordId)"日本-43"));
        Assert.That((string)fromBytes, Is.EqualTo("日本-42"));
    }
}
