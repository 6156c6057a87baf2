using System.Buffers.Binary;
using Confluent.Kafka;
using FraudStream.Ingest.Consuming;

namespace FraudStream.Ingest.Frames;

/// <summary>
/// The hints of a record re-keyed alone, one Kafka message per record, as the caller stage wrote them before frames
/// (and as a stage of an older version still does during a rolling upgrade): one header per hint.
/// </summary>
public static class RecordHeaders
{
    /// <summary>When the caller stage last saw the caller flooding a victim (Unix ms, 8 bytes big-endian).</summary>
    public const string FloodMark = "fraudstream-flood-mark";

    /// <summary>Empty value: the record is a copy of a call abroad (<see cref="HintFlags.OwnCallCopy"/>).</summary>
    public const string CallAbroad = "fraudstream-call-abroad";

    /// <summary>The hints in <paramref name="headers"/>; <paramref name="copyHeader"/> marks a copy (null: none is).</summary>
    public static RecordHints Read(Headers? headers, string? copyHeader)
    {
        if (headers is not { Count: > 0 })
            return default;

        long key = 0, mark = 0;
        int source = 0, sources = 0;
        if (headers.TryGetLastBytes(SourceOrder.Header, out var order) && !SourceOrder.TryDecode(order, out key, out source, out sources))
            (key, source, sources) = (0, 0, 0);
        if (headers.TryGetLastBytes(FloodMark, out var bytes) && bytes.Length == 8)
            mark = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var flags = copyHeader is not null && headers.TryGetLastBytes(copyHeader, out _) ? HintFlags.OwnCallCopy : HintFlags.None;
        return new RecordHints(key, source, sources, mark, flags);
    }
}
