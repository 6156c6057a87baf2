using Confluent.Kafka;
using FraudStream.Alerts;
using FraudStream.Ingest;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// The fault harness's <see cref="IDeliveryAudit"/>, shared by every pipeline of a scenario in this process: the delivery
/// reports of the topics the ledger reads and the CDR topic's released offsets become <see cref="DeliveryEvidence"/>.
/// A report is numbered when it arrives, before the batch waiting for it can complete, and a released offset before it
/// is stored; so an input offset released after its outputs were acknowledged has the higher number.
/// </summary>
internal sealed class DeliveryAudit(IngestOptions ingest, AlertsOptions alerts) : IDeliveryAudit
{
    private readonly CdrDecoder _decoder = new(ingest);
    private readonly DeliveryEvidence _evidence = new();
    private readonly Lock _gate = new();
    private long _sequence;

    /// <summary>The evidence gathered; read it once the pipelines stopped.</summary>
    public DeliveryEvidence Evidence
    {
        get
        {
            lock (_gate)
                return _evidence;
        }
    }

    public void Delivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Topic == alerts.CalleeTopic && report.Message?.Value is not null)
        {
            DeliveredRekeyed(report);
            return;
        }

        if (Identify(report) is not { } identity)
            return;
        // As the ledger reads the log: a record is there or not; Persisted without an error is the client's word that it is.
        var persisted = !report.Error.IsError && report.Status == PersistenceStatus.Persisted;
        lock (_gate)
            _evidence.Acknowledged(identity.Output, identity.Id, new Acknowledgement(++_sequence, persisted, report.Offset.Value));
    }

    // A frame: every record in it acknowledged at once, by one report.
    private void DeliveredRekeyed(DeliveryReport<byte[], byte[]> report)
    {
        var ids = new List<string>();
        LedgerIdentity.Rekeyed(_decoder, report.Message, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ids);
        if (ids.Count == 0)
            return;
        var persisted = !report.Error.IsError && report.Status == PersistenceStatus.Persisted;
        lock (_gate)
        {
            var ack = new Acknowledgement(++_sequence, persisted, report.Offset.Value);
            foreach (var id in ids)
                _evidence.Acknowledged(LedgerOutput.Rekeyed, id, ack);
        }
    }

    public void Releasing(TopicPartitionOffset next)
    {
        if (next.Topic != ingest.Topic)
            return;
        lock (_gate)
            _evidence.Released(next.Partition.Value, next.Offset.Value, ++_sequence);
    }

    private (LedgerOutput Output, string Id)? Identify(DeliveryReport<byte[], byte[]> report)
    {
        var message = report.Message;
        if (message?.Value is null)
            return null;
        if (report.Topic == alerts.DecisionTopic)
            return LedgerIdentity.CallerDecision(message.Value, out _) is { } decided ? (LedgerOutput.Decision, decided) : null;
        if (report.Topic == ingest.DeadLetterTopic && LedgerIdentity.DeadLetterSource(message.Headers) is { } source && source.Topic == ingest.Topic)
            return (LedgerOutput.DeadLetter, LedgerIdentity.DeadLetter(source.Partition, source.Offset));
        return null;
    }
}
