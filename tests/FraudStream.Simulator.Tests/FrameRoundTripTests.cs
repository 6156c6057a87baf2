using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;

namespace FraudStream.Simulator.Tests;

/// <summary>
/// Property over simulated traffic: every CDR the ingest decoder accepts, packed in frames with any hints and read
/// back, is the same <see cref="CallEvent"/> with the same hints, in the same order.
/// </summary>
[TestFixture]
public sealed class FrameRoundTripTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Simulated_events_read_back_from_frames_are_identical(int seed)
    {
        var simulator = new TrafficSimulator(SimulatedSample.StandardOptions with { Seed = (ulong)seed, Duplicates = 0.02, Malformed = 0.01, ExpectedRecords = 30_000 });
        var decoder = new CdrDecoder(homeCountryCode: 86);
        var now = DateTimeOffset.Parse("2026-03-10T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var random = new Random(seed);
        using var writer = new FrameWriter();
        var written = new List<(CallEvent Event, RecordHints Hints)>();
        var read = new List<(CallEvent Event, RecordHints Hints)>();
        var frames = 0;

        for (var i = 0; i < 30_000; i++)
        {
            simulator.Next();
            if (!decoder.Decode(simulator.Record, now, out var e).IsOk)
                continue;
            if (writer.Count == 0)
                writer.Start(seed, 12);
            var hints = new RecordHints(e.StartTimeMs, seed, 12, random.Next(4) == 0 ? random.NextInt64() : 0, (HintFlags)random.Next(2));
            writer.Add(e, hints);
            written.Add((e, hints));
            if (random.Next(150) == 0)
                Flush();
        }

        Flush();
        Assert.That(frames, Is.GreaterThan(50));
        Assert.That(read, Has.Count.EqualTo(written.Count).And.Count.GreaterThan(25_000));
        for (var i = 0; i < written.Count; i++)
        {
            if (read[i] != written[i])
                Assert.Fail($"record {i} ({written[i].Event.RecordId}) read back as {read[i]}, written as {written[i]}");
        }

        void Flush()
        {
            if (writer.Count == 0)
                return;
            var frame = writer.ToArray();
            frames++;
            Assert.That(FrameReader.TryOpen(frame, out var reader, out var error), Is.True, () => error!);
            while (reader.TryRead(out var e, out var hints))
                read.Add((e, hints));
        }
    }
}
