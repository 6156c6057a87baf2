using Confluent.Kafka;
using FraudStream.Ingest;
using FraudStream.Ingest.Cdr;

namespace FraudStream.LoadTest.Faults;

internal sealed partial class DeliveryLedger
{
    /// <summary>
    /// Checks the topics as read back: <paramref name="input"/> (the CDR topic) against the caller stage's decisions,
    /// the dead letters and, when given, the re-keyed records; <paramref name="evidence"/>, when given, attributes what
    /// is missing (see the class summary).
    /// </summary>
    public static DeliveryLedger Check(
        IReadOnlyList<ConsumeResult<byte[], byte[]>> input,
        IReadOnlyList<ConsumeResult<byte[], byte[]>> decisions,
        IReadOnlyList<ConsumeResult<byte[], byte[]>> deadLetters,
        IngestOptions? ingest = null,
        IReadOnlyList<ConsumeResult<byte[], byte[]>>? rekeyed = null,
        DeliveryEvidence? evidence = null)
    {
        var decoder = new CdrDecoder(ingest ?? new IngestOptions());
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // The caller stage's other output: every valid record re-keyed by callee for the callee stage.
        HashSet<string>? forwarded = null;
        if (rekeyed is not null)
        {
            forwarded = new HashSet<string>(StringComparer.Ordinal);
            var ids = new List<string>();
            foreach (var r in rekeyed)
                LedgerIdentity.Rekeyed(decoder, r.Message, now, ids);
            forwarded.UnionWith(ids);
        }

        var deadLettered = new Dictionary<(int, long), int>();
        var withoutHeaders = 0L;
        foreach (var d in deadLetters)
        {
            if (LedgerIdentity.DeadLetterSource(d.Message.Headers) is not { } source)
            {
                withoutHeaders++;
                continue;
            }

            var key = (source.Partition, source.Offset);
            deadLettered[key] = deadLettered.GetValueOrDefault(key) + 1;
        }

        var decided = new Dictionary<string, int>(StringComparer.Ordinal);
        var degraded = 0L;
        foreach (var d in decisions)
        {
            if (LedgerIdentity.CallerDecision(d.Message.Value, out var isDegraded) is not { } id)
                continue;
            if (isDegraded)
                degraded++;
            decided[id] = decided.GetValueOrDefault(id) + 1;
        }

        var account = new Accounting(evidence);
        var valid = new HashSet<string>(StringComparer.Ordinal);
        var firsts = new List<(string Id, int Partition, long Offset)>();
        // Per recordId, when the earliest of its records was released for storing (redeliveries share the id).
        var releasedAt = new Dictionary<string, long>(StringComparer.Ordinal);
        long malformed = 0;
        foreach (var r in input)
        {
            var where = (r.Partition.Value, r.Offset.Value);
            if (!decoder.Decode(r.Message.Value, now, out var e).IsOk)
            {
                malformed++;
                var id = LedgerIdentity.DeadLetter(r.Partition.Value, r.Offset.Value);
                account.Output(LedgerOutput.DeadLetter, id, id, deadLettered.ContainsKey(where), evidence?.ReleasedAt(r.Partition.Value, r.Offset.Value) ?? long.MaxValue);
                continue;
            }

            // A record the pipeline dead-lettered is accounted for even when it decodes now (a clock-dependent check).
            if (deadLettered.ContainsKey(where))
            {
                valid.Add(e.RecordId);
                continue;
            }

            var released = evidence?.ReleasedAt(r.Partition.Value, r.Offset.Value) ?? long.MaxValue;
            releasedAt[e.RecordId] = Math.Min(released, releasedAt.GetValueOrDefault(e.RecordId, long.MaxValue));
            if (valid.Add(e.RecordId))
                firsts.Add((e.RecordId, r.Partition.Value, r.Offset.Value));
        }

        foreach (var (id, partition, offset) in firsts)
        {
            var where = $"{partition}@{offset}";
            var released = releasedAt[id];
            account.Output(LedgerOutput.Decision, id, where, decided.ContainsKey(id), released);
            if (forwarded is not null)
                account.Output(LedgerOutput.Rekeyed, id, where, forwarded.Contains(id), released);
        }

        // A redelivered recordId may be dead-lettered once and decided once: only decisions of valid ids count.
        var duplicates = 0L;
        var decidedValid = 0L;
        foreach (var (id, count) in decided)
        {
            if (!valid.Contains(id))
                continue;
            decidedValid++;
            duplicates += count - 1;
        }

        var deadLetterDuplicates = 0L;
        foreach (var count in deadLettered.Values)
            deadLetterDuplicates += count - 1;

        return new DeliveryLedger
        {
            Records = input.Count,
            Valid = valid.Count,
            Malformed = malformed,
            Decided = decidedValid,
            DeadLettered = deadLetters.Count,
            Duplicates = duplicates,
            DeadLetterDuplicates = deadLetterDuplicates,
            Degraded = degraded,
            Lost = account.Missing(LedgerOutput.Decision),
            NotForwarded = account.Missing(LedgerOutput.Rekeyed),
            NotDeadLettered = account.Missing(LedgerOutput.DeadLetter),
            ReleasedEarly = account.ReleasedEarly,
            BrokerLost = account.BrokerLost,
            BrokerLostWithoutOffset = account.BrokerLostWithoutOffset,
            Audited = evidence is not null,
            DeadLettersWithoutHeaders = withoutHeaders,
        };
    }
}
