using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Frames;

namespace FraudStream.Ingest.Tests.Frames;

/// <summary>Events and frames built by hand for the frame tests.</summary>
internal static class TestFrames
{
    public static CallEvent Event(int i, string? recordId = null) => new()
    {
        RecordId = recordId ?? $"rec-{i}",
        RecordHash = RecordHash.Of((recordId ?? $"rec-{i}").AsSpan()),
        Type = i % 3 == 0 ? CallType.Sms : CallType.Voice,
        Caller = new PhoneNumber(8613800000000UL + (ulong)i, 13, 86),
        Callee = new PhoneNumber(447700900000UL + (ulong)i, 12, 44),
        StartTimeMs = 1_772_400_000_000 + (i * 1_000L),
        RingSec = i * 0.5f,
        DurationSec = i % 3 == 0 ? 0 : 12.25f + i,
        Answered = i % 3 == 1,
        CliRestricted = i % 5 == 0,
        Imei = i % 2 == 0 ? 0 : 356938035643809UL + (ulong)i,
        CellHash = (ulong)i * 0x9E3779B97F4A7C15UL,
        International = i % 2 == 1,
    };

    public static RecordHints Hints(int i, int source = 3, int sources = 12)
        => new(1_772_400_000_000 + (i * 1_000L), source, sources, i % 4 == 0 ? 1_772_399_000_000 + i : 0, i % 7 == 0 ? HintFlags.OwnCallCopy : HintFlags.None);

    public static byte[] Frame(int count, int source = 3, int sources = 12)
    {
        using var writer = new FrameWriter();
        writer.Start(source, sources);
        for (var i = 0; i < count; i++)
            writer.Add(Event(i), Hints(i, source, sources));
        return writer.ToArray();
    }

    public static List<(CallEvent Event, RecordHints Hints)> ReadAll(byte[] frame)
    {
        Assert.That(FrameReader.TryOpen(frame, out var reader, out var error), Is.True, () => error!);
        var records = new List<(CallEvent, RecordHints)>();
        while (reader.TryRead(out var e, out var hints))
            records.Add((e, hints));
        return records;
    }
}
