using FraudStream.Ingest.Frames;

namespace FraudStream.Ingest.Tests.Frames;

/// <summary>
/// Whatever the bytes, the reader answers a reason or records: it never throws, never loops, and allocates only for the
/// records the bytes really hold (a count is checked against the length before anything is read).
/// </summary>
[TestFixture]
public sealed class FrameReaderFuzzTests
{
    private const int Rounds = 20_000;

    [Test]
    public void Random_bytes_are_refused_without_throwing()
    {
        var random = new Random(21);
        var accepted = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (round % 2 == 0 && bytes.Length >= 4)
                "FSF\u0001"u8.CopyTo(bytes); // past the magic, into the counts and records
            accepted += ReadEverything(bytes);
        }

        Assert.That(accepted, Is.LessThan(Rounds / 100), "random bytes are almost never a frame");
    }

    [Test]
    public void Mutated_frames_are_refused_or_read_whole_without_throwing()
    {
        var random = new Random(7);
        var valid = TestFrames.Frame(20);
        int refused = 0, read = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var bytes = Mutate(valid, random);
            var records = ReadEverything(bytes);
            if (records < 0)
                refused++;
            else
                read++;
        }

        Assert.That(refused, Is.GreaterThan(Rounds / 10), "structural damage is seen");
        Assert.That(read, Is.GreaterThan(0), "damage inside a field's value still reads (the frame carries no checksum)");
    }

    [Test]
    public void A_lying_count_does_not_allocate_for_it()
    {
        var frame = TestFrames.Frame(1);
        frame[8] = frame[9] = frame[10] = frame[11] = 0xFF;
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ok = FrameReader.TryOpen(frame, out _, out var error);

        Assert.That(ok, Is.False);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(4_096), error);
    }

    // Records read from an accepted frame, or -1 when refused; every accepted record is read to the end.
    private static int ReadEverything(byte[] bytes)
    {
        if (!FrameReader.TryOpen(bytes, out var reader, out var error))
        {
            Assert.That(error, Is.Not.Null.And.Not.Empty);
            return -1;
        }

        var count = 0;
        while (reader.TryRead(out var e, out _))
        {
            Assert.That(e.RecordId.ToString(), Is.Not.Empty);
            count++;
            Assert.That(count, Is.LessThanOrEqualTo(reader.Count), "the reader stops after its count");
        }

        Assert.That(count, Is.EqualTo(reader.Count));
        Assert.That(count * FrameFormat.MinRecordLength, Is.LessThanOrEqualTo(bytes.Length));
        return count;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        switch (random.Next(4))
        {
            case 0: // flip a few bytes
            {
                var bytes = (byte[])valid.Clone();
                for (var n = random.Next(1, 4); n > 0; n--)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            }
            case 1: // truncate
                return valid[..random.Next(valid.Length)];
            case 2: // append garbage
            {
                var extra = new byte[random.Next(1, 200)];
                random.NextBytes(extra);
                return [.. valid, .. extra];
            }
            default: // a byte of the header or of a length field
            {
                var bytes = (byte[])valid.Clone();
                var at = random.Next(2) == 0 ? random.Next(FrameFormat.HeaderLength) : FrameFormat.HeaderLength + 80 + random.Next(2);
                bytes[at] = (byte)random.Next(256);
                return bytes;
            }
        }
    }
}
