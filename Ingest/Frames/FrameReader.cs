using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Frames;

/// <summary>
/// Reads a frame (<see cref="FrameFormat"/>) straight into <see cref="CallEvent"/>s and their <see cref="RecordHints"/>.
/// <see cref="TryOpen"/> checks the whole frame first without allocating (magic, version, a count no larger than the
/// bytes can hold, every record's bounds and id, nothing left over), so reading a frame it accepted cannot fail
/// half-way, and nothing throws: a bad frame is a false and a reason.
/// </summary>
public ref struct FrameReader
{
    private readonly ReadOnlySpan<byte> _frame;
    // The array _frame is in (from _ownerStart), or null: record ids then become strings as they are read.
    private readonly byte[]? _owner;
    private readonly int _ownerStart;
    private int _at;
    private int _read;

    private FrameReader(ReadOnlySpan<byte> frame, byte[]? owner, int ownerStart, int count, int source, int sources)
    {
        _frame = frame;
        _owner = owner;
        _ownerStart = ownerStart;
        _at = FrameFormat.HeaderLength;
        Count = count;
        Source = source;
        Sources = sources;
    }

    /// <summary>Records in the frame.</summary>
    public int Count { get; }

    public int Source { get; }

    public int Sources { get; }

    /// <summary>Opens <paramref name="frame"/> if it is whole and well formed; otherwise <paramref name="error"/> says why.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> frame, out FrameReader reader, out string? error)
        => TryOpen(frame, null, out reader, out error);

    /// <summary>
    /// Opens <paramref name="frame"/> like <see cref="TryOpen(ReadOnlySpan{byte}, out FrameReader, out string?)"/>,
    /// but the events read keep their record ids in the array instead of making a string of each. For a consumed
    /// message's array, which nothing writes to and which its events do not outlive by long: an event kept for long
    /// keeps the whole frame.
    /// </summary>
    public static bool TryOpenKeepingIds(byte[] frame, out FrameReader reader, out string? error)
        => TryOpen(frame, frame, 0, out reader, out error);

    /// <summary>Like <see cref="TryOpenKeepingIds(byte[], out FrameReader, out string?)"/> for a frame at [start, start + length) of <paramref name="owner"/>.</summary>
    public static bool TryOpenKeepingIds(byte[]? owner, int start, int length, out FrameReader reader, out string? error)
        => TryOpen(owner.AsSpan(start, length), owner, start, out reader, out error);

    private static bool TryOpen(ReadOnlySpan<byte> frame, byte[]? owner, out FrameReader reader, out string? error)
        => TryOpen(frame, owner, 0, out reader, out error);

    private static bool TryOpen(ReadOnlySpan<byte> frame, byte[]? owner, int ownerStart, out FrameReader reader, out string? error)
    {
        reader = default;
        if (frame.Length < FrameFormat.HeaderLength)
            return Fail(out error, frame.Length < 4 || !frame.StartsWith(FrameFormat.Magic) ? "not a frame: no magic \"FSF\"" : $"truncated: {frame.Length} bytes, the header alone is {FrameFormat.HeaderLength}");
        if (!frame.StartsWith(FrameFormat.Magic))
            return Fail(out error, "not a frame: no magic \"FSF\"");
        if (frame[3] != FrameFormat.Version)
            return Fail(out error, $"unknown frame version {frame[3]}; this build reads version {FrameFormat.Version}");

        var source = BinaryPrimitives.ReadUInt16LittleEndian(frame[4..]);
        var sources = BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(frame[8..]);
        if (sources > 0 && source >= sources)
            return Fail(out error, $"source partition {source} of {sources}");
        // Checked before anything is read or allocated: a count larger than the bytes can hold is a lie.
        var body = frame.Length - FrameFormat.HeaderLength;
        if (count > (uint)(body / FrameFormat.MinRecordLength))
            return Fail(out error, $"{count} records claimed in {body} bytes: at most {body / FrameFormat.MinRecordLength} fit");

        var at = FrameFormat.HeaderLength;
        for (var i = 0; i < count; i++)
        {
            if (frame.Length - at < FrameFormat.FixedRecordLength)
                return Fail(out error, $"truncated: record {i} of {count} starts at byte {at} of {frame.Length}");
            var record = frame[at..];
            if ((record[62] & ~FrameFormat.KnownEventFlags) != 0)
                return Fail(out error, $"record {i}: unknown event flags 0x{record[62]:x2}");
            int idLength = BinaryPrimitives.ReadUInt16LittleEndian(record[84..]);
            if (idLength is 0 or > FrameFormat.MaxRecordIdBytes)
                return Fail(out error, $"record {i}: record id of {idLength} bytes, expected 1 to {FrameFormat.MaxRecordIdBytes}");
            if (record.Length - FrameFormat.FixedRecordLength < idLength)
                return Fail(out error, $"truncated: record {i}'s id needs {idLength} bytes, {record.Length - FrameFormat.FixedRecordLength} left");
            if (!Utf8.IsValid(record.Slice(FrameFormat.FixedRecordLength, idLength)))
                return Fail(out error, $"record {i}: record id is not valid UTF-8");
            at += FrameFormat.FixedRecordLength + idLength;
        }

        if (at != frame.Length)
            return Fail(out error, $"{frame.Length - at} bytes after the last of {count} records");

        reader = new FrameReader(frame, owner, ownerStart, (int)count, source, sources);
        error = null;
        return true;
    }

    /// <summary>The next record; false after the last.</summary>
    public bool TryRead(out CallEvent callEvent, out RecordHints hints)
    {
        if (_read == Count)
        {
            (callEvent, hints) = (default, default);
            return false;
        }

        var r = _frame[_at..];
        int idLength = BinaryPrimitives.ReadUInt16LittleEndian(r[84..]);
        var flags = r[62];
        callEvent = new CallEvent
        {
            RecordId = _owner is null
                ? new RecordId(Encoding.UTF8.GetString(r.Slice(FrameFormat.FixedRecordLength, idLength)))
                : new RecordId(_owner, _ownerStart + _at + FrameFormat.FixedRecordLength, idLength),
            RecordHash = BinaryPrimitives.ReadUInt64LittleEndian(r),
            Caller = ReadNumber(r[8..]),
            Callee = ReadNumber(r[19..]),
            StartTimeMs = BinaryPrimitives.ReadInt64LittleEndian(r[30..]),
            RingSec = BinaryPrimitives.ReadSingleLittleEndian(r[38..]),
            DurationSec = BinaryPrimitives.ReadSingleLittleEndian(r[42..]),
            Imei = BinaryPrimitives.ReadUInt64LittleEndian(r[46..]),
            CellHash = BinaryPrimitives.ReadUInt64LittleEndian(r[54..]),
            Type = (flags & FrameFormat.Sms) != 0 ? CallType.Sms : CallType.Voice,
            Answered = (flags & FrameFormat.Answered) != 0,
            CliRestricted = (flags & FrameFormat.CliRestricted) != 0,
            International = (flags & FrameFormat.International) != 0,
        };
        hints = new RecordHints(BinaryPrimitives.ReadInt64LittleEndian(r[64..]), Source, Sources, BinaryPrimitives.ReadInt64LittleEndian(r[72..]), (HintFlags)r[63],
            BinaryPrimitives.ReadSingleLittleEndian(r[80..]));
        _at += FrameFormat.FixedRecordLength + idLength;
        _read++;
        return true;
    }

    private static PhoneNumber ReadNumber(ReadOnlySpan<byte> at)
        => new(BinaryPrimitives.ReadUInt64LittleEndian(at), at[8], BinaryPrimitives.ReadUInt16LittleEndian(at[9..]));

    private static bool Fail(out string? error, string reason)
    {
        error = reason;
        return false;
    }
}
