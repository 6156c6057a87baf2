using FraudStream.Alerts;
using FraudStream.Ingest;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// The oracle of the fault matrix (the test suite's and <c>fraudstream bench --faults</c>): every input record read
/// back from the CDR topic must have ended as a caller-stage decision (by recordId) or a dead letter (by source
/// partition/offset), every record that does not decode must be dead-lettered, and decisions beyond the first per
/// recordId are counted as duplicates. It only counts; the tests assert on it (tests/Shared/Faults/LedgerAssertions.cs)
/// and the bench reports it.
/// <para>
/// With the pipelines' own <see cref="DeliveryEvidence"/> it also says who lost a missing record. The broker, when
/// FraudStream produced it, the client reported it persisted, and its input offset was released for storing only
/// after that (<see cref="BrokerLost"/>: reported, not a shortfall; librdkafka's mock cluster loses such records while
/// leaders move). FraudStream, when no report came (never produced), the delivery failed, or the input offset was
/// released first. Without evidence every missing record is FraudStream's.
/// </para>
/// </summary>
internal sealed partial class DeliveryLedger
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

    /// <summary>Valid recordIds with no decision (and no dead letter) that FraudStream lost, each with why.</summary>
    public IReadOnlyList<string> Lost { get; private init; } = [];

    /// <summary>Valid recordIds missing from the re-keyed topic (when it was given) that FraudStream lost: the callee stage never saw them.</summary>
    public IReadOnlyList<string> NotForwarded { get; private init; } = [];

    /// <summary>Malformed records (partition/offset) missing from the DLQ that FraudStream lost.</summary>
    public IReadOnlyList<string> NotDeadLettered { get; private init; } = [];

    /// <summary>
    /// Outputs in the log whose input offset was released for storing before they were acknowledged: at-least-once
    /// broken (a crash then would have lost them), though nothing was lost this time.
    /// </summary>
    public IReadOnlyList<string> ReleasedEarly { get; private init; } = [];

    /// <summary>Outputs missing from the log that FraudStream produced and the broker acknowledged as persisted: the broker's loss.</summary>
    public IReadOnlyList<string> BrokerLost { get; private init; } = [];

    /// <summary>Of <see cref="BrokerLost"/>, those acknowledged without an offset (librdkafka's implicit acknowledgement).</summary>
    public long BrokerLostWithoutOffset { get; private init; }

    /// <summary>Whether the pipelines' delivery evidence was there to attribute losses (in-process pipelines only).</summary>
    public bool Audited { get; private init; }

    /// <summary>Dead letters without the headers that say why and where from.</summary>
    public long DeadLettersWithoutHeaders { get; private init; }

    /// <summary>Reads the CDR, decision, dead-letter and re-keyed topics back from <paramref name="bootstrap"/> and checks them.</summary>
    public static DeliveryLedger Read(string bootstrap, IngestOptions ingest, AlertsOptions alerts, DeliveryEvidence? evidence = null)
        => Check(
            TopicReader.ReadAll(bootstrap, ingest.Topic),
            TopicReader.ReadAll(bootstrap, alerts.DecisionTopic),
            TopicReader.ReadAll(bootstrap, ingest.DeadLetterTopic),
            ingest,
            TopicReader.ReadAll(bootstrap, alerts.CalleeTopic),
            evidence);

    /// <summary>Valid records neither decided nor dead-lettered, plus malformed ones not dead-lettered, lost by FraudStream: must be 0.</summary>
    public long Missing => Lost.Count + NotDeadLettered.Count;

    /// <summary>
    /// Every record accounted for, whatever the broker lost after acknowledging it: FraudStream lost nothing, re-keyed
    /// everything, released no offset early, and every dead letter has its headers.
    /// </summary>
    public bool Whole => Records > 0 && Missing == 0 && NotForwarded.Count == 0 && ReleasedEarly.Count == 0 && DeadLettersWithoutHeaders == 0;

    /// <summary>What FraudStream is missing, in one line with a few examples; empty when <see cref="Whole"/>.</summary>
    public string Shortfall()
    {
        var parts = new List<string>();
        if (Records == 0)
            parts.Add("no input records were read back");
        if (Lost.Count > 0)
            parts.Add($"{Lost.Count} of {Valid} valid records have no decision{ByFraudStream}, e.g. {Examples(Lost)}");
        if (NotForwarded.Count > 0)
            parts.Add($"{NotForwarded.Count} of {Valid} valid records were never re-keyed to the callee stage{ByFraudStream}, e.g. {Examples(NotForwarded)}");
        if (NotDeadLettered.Count > 0)
            parts.Add($"{NotDeadLettered.Count} of {Malformed} malformed records are not in the DLQ{ByFraudStream}, e.g. {Examples(NotDeadLettered)}");
        if (ReleasedEarly.Count > 0)
            parts.Add($"{ReleasedEarly.Count} outputs were acknowledged only after their input offset was released for storing (at-least-once broken), e.g. {Examples(ReleasedEarly)}");
        if (DeadLettersWithoutHeaders > 0)
            parts.Add($"{DeadLettersWithoutHeaders} dead letters without error/source headers");
        return string.Join("; ", parts);
    }

    /// <summary>What the broker lost after acknowledging it, in one line with a few examples; empty when nothing.</summary>
    public string BrokerLoss()
        => BrokerLost.Count == 0 ? "" : $"the broker lost {BrokerLost.Count} outputs it had acknowledged as persisted ({BrokerLostWithoutOffset} without an offset), e.g. {Examples(BrokerLost)}";

    public override string ToString()
        => $"records {Records}, valid {Valid}, decided {Decided}, dead-lettered {DeadLettered} (malformed {Malformed}), duplicates {Duplicates} (+{DeadLetterDuplicates} dead letters), "
           + (Audited ? $"lost by the broker after acknowledging {BrokerLost.Count} ({BrokerLostWithoutOffset} without an offset)" : "no delivery audit (every missing record counts as FraudStream's)");

    private string ByFraudStream => Audited ? " (lost by FraudStream)" : "";

    private static string Examples(IReadOnlyList<string> items) => string.Join(", ", items.Take(Shown));
}
