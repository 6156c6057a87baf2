using Confluent.Kafka;
using FraudStream.Ingest;
using FraudStream.Ingest.Cdr;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// The simulated redeliveries (a recordId sent again, at a later offset) around a hand-over between instances at
/// <c>cut</c> (the committed offsets per partition). <see cref="Before"/>: repeats before the cut, which the stopped
/// instance consumed without an output (de-duplicated), so its outputs undercount what it consumed by as many.
/// <see cref="Straddling"/>: redeliveries after the cut whose original came before it; the instance taking over never
/// saw the original (de-duplication is per instance, in memory), so it decides them again.
/// </summary>
internal readonly record struct Redeliveries(long Before, long Straddling)
{
    public static Redeliveries Around(IReadOnlyList<ConsumeResult<byte[], byte[]>> input, IReadOnlyDictionary<int, long> cut, IngestOptions ingest)
    {
        var decoder = new CdrDecoder(ingest);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var before = new HashSet<string>(StringComparer.Ordinal);
        var after = new HashSet<string>(StringComparer.Ordinal);
        var after_ = new List<string>();
        long repeatsBefore = 0;
        foreach (var r in input)
        {
            if (!decoder.Decode(r.Message.Value, now, out var e).IsOk)
                continue;
            if (r.Offset.Value < cut.GetValueOrDefault(r.Partition.Value))
                repeatsBefore += before.Add(e.RecordId) ? 0 : 1;
            else if (after.Add(e.RecordId))
                after_.Add(e.RecordId);
        }

        long straddling = 0;
        foreach (var id in after_)
            straddling += before.Contains(id) ? 1 : 0;
        return new Redeliveries(repeatsBefore, straddling);
    }
}
