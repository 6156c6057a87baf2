using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Ingest.Frames;

/// <summary>
/// Builds one frame at a time (<see cref="FrameFormat"/>) in a pooled buffer that grows as needed and is kept
/// between frames: <see cref="Start"/>, <see cref="Add"/> per record, <see cref="ToArray"/>. Allocates only the
/// finished frame's array.
/// </summary>
public sealed class FrameWriter : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;
    private int _count;

    /// <summary>Records in the frame being built.</summary>
    public int Count => _count;

    /// <summary>Bytes of the frame being built.</summary>
    public int Length => _length;

    /// <summary>Starts a frame of records forwarded by <paramref name="source"/> of <paramref name="sources"/> partitions (0: no ordering keys).</summary>
    public void Start(int source, int sources)
    {
        if ((uint)source > ushort.MaxValue || (uint)sources > ushort.MaxValue)
            ThrowOutOfRange(source, sources);
        var header = _buffer.AsSpan(0, FrameFormat.HeaderLength);
        FrameFormat.Magic.CopyTo(header);
        header[3] = FrameFormat.Version;
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)source);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)sources);
        _length = FrameFormat.HeaderLength;
        _count = 0;
    }

    /// <summary>Appends one record; <see cref="RecordHints.Source"/> and <see cref="RecordHints.Sources"/> are the frame's, not written again.</summary>
    public void Add(in CallEvent e, in RecordHints hints)
    {
        var idBytes = e.RecordId.Utf8Length;
        if (idBytes is 0 or > FrameFormat.MaxRecordIdBytes)
            ThrowRecordId(idBytes);
        Ensure(FrameFormat.FixedRecordLength + idBytes);

        var r = _buffer.AsSpan(_length, FrameFormat.FixedRecordLength + idBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(r, e.RecordHash);
        WriteNumber(r[8..], e.Caller);
        WriteNumber(r[19..], e.Callee);
        BinaryPrimitives.WriteInt64LittleEndian(r[30..], e.StartTimeMs);
        BinaryPrimitives.WriteSingleLittleEndian(r[38..], e.RingSec);
        BinaryPrimitives.WriteSingleLittleEndian(r[42..], e.DurationSec);
        BinaryPrimitives.WriteUInt64LittleEndian(r[46..], e.Imei);
        BinaryPrimitives.WriteUInt64LittleEndian(r[54..], e.CellHash);
        r[62] = (byte)((e.Type == CallType.Sms ? FrameFormat.Sms : 0) | (e.Answered ? FrameFormat.Answered : 0)
                       | (e.CliRestricted ? FrameFormat.CliRestricted : 0) | (e.International ? FrameFormat.International : 0));
        r[63] = (byte)hints.Flags;
        BinaryPrimitives.WriteInt64LittleEndian(r[64..], hints.OrderKey);
        BinaryPrimitives.WriteInt64LittleEndian(r[72..], hints.FloodMark);
        BinaryPrimitives.WriteSingleLittleEndian(r[80..], hints.Pursuit);
        BinaryPrimitives.WriteUInt16LittleEndian(r[84..], (ushort)idBytes);
        e.RecordId.CopyUtf8To(r[FrameFormat.FixedRecordLength..]);
        _length += r.Length;
        _count++;
    }

    /// <summary>The finished frame; the writer then needs <see cref="Start"/> again.</summary>
    public byte[] ToArray()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(8), (uint)_count);
        var frame = _buffer.AsSpan(0, _length).ToArray();
        _length = 0;
        _count = 0;
        return frame;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    private static void WriteNumber(Span<byte> at, PhoneNumber number)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(at, number.Value);
        at[8] = number.Digits;
        BinaryPrimitives.WriteUInt16LittleEndian(at[9..], number.CountryCode);
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(int source, int sources)
        => throw new ArgumentOutOfRangeException(nameof(source), $"source {source} of {sources}: a frame holds 16-bit partition numbers");

    [DoesNotReturn]
    private static void ThrowRecordId(int bytes)
        => throw new ArgumentException($"a record id of {bytes} UTF-8 bytes; a frame holds 1 to {FrameFormat.MaxRecordIdBytes}", "e");
}
