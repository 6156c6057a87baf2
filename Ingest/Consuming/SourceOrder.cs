using System.Buffers.Binary;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// The headers a stage that re-keys records writes so that the next stage can merge them in one order,
/// whatever their arrival order (see <see cref="SourceMerge"/>). Each source partition of the re-keying stage
/// gives every record it forwards an ordering key — the latest event time that source has seen, which only
/// grows — and from time to time tells every partition of the re-keyed topic how far each of its sources has
/// got (watermarks), so a partition that receives nothing from a source still learns it may go on.
/// </summary>
public static class SourceOrder
{
    /// <summary>On a forwarded record: ordering key (Unix ms, i64), source partition (u16), source partitions (u16), big-endian.</summary>
    public const string Header = "fraudstream-order";

    /// <summary>
    /// On a control record with an empty value: source partitions (u16), then per source a partition (u16) and
    /// the key every later record of that source will reach at least (i64), big-endian. It is not a CDR. The
    /// partition's top bit (<see cref="PendingFlag"/>) says the source still has records to process (buffered, in
    /// hand, or lag at the broker): it is behind, not idle.
    /// </summary>
    public const string WatermarksHeader = "fraudstream-watermarks";

    /// <summary>Bytes of a <see cref="Header"/> value.</summary>
    public const int OrderLength = 12;

    private const int WatermarkLength = 10;

    private const ushort PendingFlag = 0x8000;

    public static byte[] Encode(long key, int source, int sources)
    {
        var bytes = new byte[OrderLength];
        Write(bytes, key, source, sources);
        return bytes;
    }

    /// <summary>Writes a <see cref="Header"/> value into <paramref name="bytes"/> (<see cref="OrderLength"/> long).</summary>
    public static void Write(Span<byte> bytes, long key, int source, int sources)
    {
        BinaryPrimitives.WriteInt64BigEndian(bytes, key);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[8..], checked((ushort)source));
        BinaryPrimitives.WriteUInt16BigEndian(bytes[10..], checked((ushort)sources));
    }

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out long key, out int source, out int sources)
    {
        if (bytes.Length != OrderLength)
        {
            (key, source, sources) = (0, 0, 0);
            return false;
        }

        key = BinaryPrimitives.ReadInt64BigEndian(bytes);
        source = BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]);
        sources = BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]);
        return source < sources;
    }

    public static byte[] EncodeWatermarks(int sources, ReadOnlySpan<(int Source, long Key)> watermarks)
    {
        var pending = new (int Source, long Key, bool Pending)[watermarks.Length];
        for (var i = 0; i < watermarks.Length; i++)
            pending[i] = (watermarks[i].Source, watermarks[i].Key, false);
        return EncodeWatermarks(sources, pending);
    }

    /// <summary>Watermarks that also say, per source, whether it still has records to process.</summary>
    public static byte[] EncodeWatermarks(int sources, ReadOnlySpan<(int Source, long Key, bool Pending)> watermarks)
    {
        if (sources >= PendingFlag)
            throw new ArgumentOutOfRangeException(nameof(sources), sources, "At most 32,767 source partitions.");
        var bytes = new byte[2 + (WatermarkLength * watermarks.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)sources));
        var at = 2;
        foreach (var (source, key, pending) in watermarks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)(checked((ushort)source) | (pending ? PendingFlag : 0)));
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at + 2), key);
            at += WatermarkLength;
        }

        return bytes;
    }

    /// <summary>Source partitions and watermark count of a watermarks header; false when malformed.</summary>
    public static bool TryReadWatermarks(ReadOnlySpan<byte> bytes, out int sources, out int count)
    {
        sources = bytes.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : 0;
        count = bytes.Length >= 2 ? (bytes.Length - 2) / WatermarkLength : 0;
        return bytes.Length >= 2 && (bytes.Length - 2) % WatermarkLength == 0;
    }

    /// <summary>The <paramref name="index"/>th watermark of a header <see cref="TryReadWatermarks"/> accepted.</summary>
    public static (int Source, long Key, bool Pending) WatermarkAt(ReadOnlySpan<byte> bytes, int index)
    {
        var at = 2 + (index * WatermarkLength);
        var partition = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        return (partition & ~PendingFlag, BinaryPrimitives.ReadInt64BigEndian(bytes[(at + 2)..]), (partition & PendingFlag) != 0);
    }
}
