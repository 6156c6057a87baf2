using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using FraudStream.Alerts;
using FraudStream.Ingest;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.DeadLetters;

namespace FraudStream.Host.Bench.Faults;

/// <summary>
/// The oracle of the fault matrix (the test suite's and <c>fraudstream bench --faults</c>): every input record read
/// back from the CDR topic must have ended as a caller-stage decision (by recordId) or a dead letter (by source
/// partition/offset), every record that does not decode must be dead-lettered, and decisions beyond the first per
/// recordId are counted as duplicates. It only counts; the tests assert on it (tests/Shared/Faults/LedgerAssertions.cs)
/// and the bench reports it.
/// </summary>
internal sealed class DeliveryLedger
{
    /// <summary>How many examples of a shortfall a message names.</summary>
    public const int Shown = 10;

    private DeliveryLedger()
    {
    }

    /// <summary>Records in the CDR topic.</summary>
    public long Records { get; private init; }

    /// <summary>Distinct recordIds among the records that decode (the simulator's redeliveries share one).</summary>
    public long Valid { get; private init; }

    /// <summary>Records that do not decode: each must be dead-lettered.</summary>
    public long Malformed { get; private init; }

    /// <summary>Distinct valid recordIds with at least one caller-stage decision.</summary>
    public long Decided { get; private init; }

    /// <summary>Dead letters in the DLQ (all, including re-sent ones).</summary>
    public long DeadLettered { get; private init; }

    /// <summary>Caller-stage decisions beyond the first per recordId.</summary>
    public long Duplicates { get; private init; }

    /// <summary>Dead letters beyond the first per source record.</summary>
    public long DeadLetterDuplicates { get; private init; }

    /// <summary>Caller-stage decisions flagged degraded (Redis or the model missing from them), repeats included.</summary>
    public long Degraded { get; private init; }

    /// <summary>Valid recordIds with no decision (and no dead letter).</summary>
    public IReadOnlyList<string> Lost { get; private init; } = [];

    /// <summary>Valid recordIds missing from the re-keyed topic (when it was given): the callee stage never saw them.</summary>
    public IReadOnlyList<string> NotForwarded { get; private init; } = [];

    /// <summary>Malformed records (partition/offset) missing from the DLQ.</summary>
    public IReadOnlyList<string> NotDeadLettered { get; private init; } = [];

    /// <summary>Dead letters without the headers that say why and where from.</summary>
    public long DeadLettersWithoutHeaders { get; private init; }

    public static DeliveryLedger Check(
        IReadOnlyList<ConsumeResult<byte[], byte[]>> input,
        IReadOnlyList<ConsumeResult<byte[], byte[]>> decisions,
        IReadOnlyList<ConsumeResult<byte[], byte[]>> deadLetters,
        IngestOptions? ingest = null,
        IReadOnlyList<ConsumeResult<byte[], byte[]>>? rekeyed = null)
    {
        var decoder = new CdrDecoder(ingest ?? new IngestOptions());
        // The caller stage's other output: every valid record re-keyed by callee for the callee stage.
        HashSet<string>? forwarded = null;
        if (rekeyed is not null)
        {
            forwarded = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in rekeyed)
            {
                if (decoder.Decode(r.Message.Value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var forwardedEvent).IsOk)
                    forwarded.Add(forwardedEvent.RecordId);
            }
        }

        var deadLettered = new Dictionary<(int, long), int>();
        var withoutHeaders = 0L;
        foreach (var d in deadLetters)
        {
            var headers = d.Message.Headers;
            if (headers is null || !headers.TryGetLastBytes(DeadLetterHeaders.ErrorCode, out _)
                || !headers.TryGetLastBytes(DeadLetterHeaders.SourcePartition, out var partition)
                || !headers.TryGetLastBytes(DeadLetterHeaders.SourceOffset, out var offset))
            {
                withoutHeaders++;
                continue;
            }

            var key = (int.Parse(Encoding.UTF8.GetString(partition), CultureInfo.InvariantCulture), long.Parse(Encoding.UTF8.GetString(offset), CultureInfo.InvariantCulture));
            deadLettered[key] = deadLettered.GetValueOrDefault(key) + 1;
        }

        var decided = new Dictionary<string, int>(StringComparer.Ordinal);
        var degraded = 0L;
        foreach (var d in decisions)
        {
            var root = JsonDocument.Parse(d.Message.Value).RootElement;
            if (root.GetProperty("stage").GetString() != "caller")
                continue;
            if (root.TryGetProperty("degraded", out var flag) && flag.ValueKind == JsonValueKind.True)
                degraded++;
            var id = root.GetProperty("recordId").GetString()!;
            decided[id] = decided.GetValueOrDefault(id) + 1;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var valid = new HashSet<string>(StringComparer.Ordinal);
        var lost = new List<string>();
        var notForwarded = new List<string>();
        var notDeadLettered = new List<string>();
        long malformed = 0;
        foreach (var r in input)
        {
            var where = (r.Partition.Value, r.Offset.Value);
            if (!decoder.Decode(r.Message.Value, now, out var e).IsOk)
            {
                malformed++;
                if (!deadLettered.ContainsKey(where))
                    notDeadLettered.Add($"{r.Partition.Value}@{r.Offset.Value}");
                continue;
            }

            // A record the pipeline dead-lettered is accounted for even when it decodes now (a clock-dependent check).
            if (!valid.Add(e.RecordId) || deadLettered.ContainsKey(where))
                continue;
            if (!decided.ContainsKey(e.RecordId))
                lost.Add($"{e.RecordId} ({r.Partition.Value}@{r.Offset.Value})");
            if (forwarded is not null && !forwarded.Contains(e.RecordId))
                notForwarded.Add($"{e.RecordId} ({r.Partition.Value}@{r.Offset.Value})");
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
            Lost = lost,
            NotForwarded = notForwarded,
            NotDeadLettered = notDeadLettered,
            DeadLettersWithoutHeaders = withoutHeaders,
        };
    }

    /// <summary>Reads the CDR, decision, dead-letter and re-keyed topics back from <paramref name="bootstrap"/> and checks them.</summary>
    public static DeliveryLedger Read(string bootstrap, IngestOptions ingest, AlertsOptions alerts)
        => Check(
            TopicReader.ReadAll(bootstrap, ingest.Topic),
            TopicReader.ReadAll(bootstrap, alerts.DecisionTopic),
            TopicReader.ReadAll(bootstrap, ingest.DeadLetterTopic),
            ingest,
            TopicReader.ReadAll(bootstrap, alerts.CalleeTopic));

    /// <summary>Valid records neither decided nor dead-lettered, plus malformed ones not dead-lettered: must be 0.</summary>
    public long Missing => Lost.Count + NotDeadLettered.Count;

    /// <summary>Every record accounted for: nothing lost, everything re-keyed, every dead letter with its headers.</summary>
    public bool Whole => Records > 0 && Missing == 0 && NotForwarded.Count == 0 && DeadLettersWithoutHeaders == 0;

    /// <summary>What is missing, in one line with a few examples; empty when <see cref="Whole"/>.</summary>
    public string Shortfall()
    {
        var parts = new List<string>();
        if (Records == 0)
            parts.Add("no input records were read back");
        if (Lost.Count > 0)
            parts.Add($"{Lost.Count} of {Valid} valid records have no decision, e.g. {string.Join(", ", Lost.Take(Shown))}");
        if (NotForwarded.Count > 0)
            parts.Add($"{NotForwarded.Count} of {Valid} valid records were never re-keyed to the callee stage, e.g. {string.Join(", ", NotForwarded.Take(Shown))}");
        if (NotDeadLettered.Count > 0)
            parts.Add($"{NotDeadLettered.Count} of {Malformed} malformed records are not in the DLQ, e.g. {string.Join(", ", NotDeadLettered.Take(Shown))}");
        if (DeadLettersWithoutHeaders > 0)
            parts.Add($"{DeadLettersWithoutHeaders} dead letters without error/source headers");
        return string.Join("; ", parts);
    }

    public override string ToString()
        => $"records {Records}, valid {Valid}, decided {Decided}, dead-lettered {DeadLettered} (malformed {Malformed}), duplicates {Duplicates} (+{DeadLetterDuplicates} dead letters)";
}
