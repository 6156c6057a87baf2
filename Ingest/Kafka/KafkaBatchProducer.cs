using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// An idempotent producer whose records are acknowledged in batches, the building block of at-least-once:
/// a consumed batch's offsets may be stored once the records it caused (dead letters, alerts, decisions)
/// are acknowledged. One wait per batch, not per record. <see cref="Enqueue"/> and
/// <see cref="AcknowledgeAsync"/> use one shared batch; <see cref="StartBatch"/> gives independent ones.
/// </summary>
public sealed class KafkaBatchProducer : IDisposable
{
    // What an audit reads of each report: the record as produced (Confluent.Kafka hands back the key and value
    // objects given to Produce, not copies), its headers (copied out of librdkafka) and its persistence status.
    private const string AuditedReportFields = "key,value,headers,status";
    private const long WarnIntervalMs = 60_000;

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly DeliveryBatch _shared;
    private readonly ILogger _logger;
    private readonly IDeliveryAudit? _audit;
    private readonly bool _checksOffsets;
    private long _withoutOffset;
    private long _warnedAtMs;

    /// <param name="config">The producer's settings.</param>
    /// <param name="logger">Where a record acknowledged without an offset is reported.</param>
    /// <param name="audit">Sees every delivery report (a harness's; none in production).</param>
    public KafkaBatchProducer(ProducerConfig config, ILogger? logger = null, IDeliveryAudit? audit = null)
    {
        // A delivery batch reads only the error and offset of each report: by default Confluent.Kafka also copies every
        // record's headers back out of librdkafka (a Headers object per record, even without headers) and reads
        // its timestamp and persistence status, per delivered record, for nobody.
        if (audit is null)
            config.DeliveryReportFields ??= "none";
        else
            config.DeliveryReportFields = AuditedReportFields;
        _logger = logger ?? NullLogger.Instance;
        _audit = audit;
        // With acks=0 no report carries an offset: only an acknowledging producer can be caught without one.
        _checksOffsets = config.Acks is not Acks.None;
        _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        _shared = new DeliveryBatch(this);
    }

    /// <summary>The underlying producer, for callers that need its name or metadata.</summary>
    public IProducer<byte[], byte[]> Producer => _producer;

    /// <summary>
    /// Records reported delivered without error but without an offset: librdkafka counted them acknowledged although
    /// no broker said where it wrote them. A real broker with acks=all never causes this; librdkafka's mock cluster
    /// does while partition leaders move, and such records are missing from the log. Should stay zero.
    /// </summary>
    public long AcknowledgedWithoutOffset => Volatile.Read(ref _withoutOffset);

    /// <summary>A batch whose acknowledgement is tracked apart from every other.</summary>
    public DeliveryBatch StartBatch() => new(this);

    /// <summary>Queues one record in the shared batch.</summary>
    public void Enqueue(string topic, Message<byte[], byte[]> message) => _shared.Enqueue(topic, message);

    /// <summary>Completes when every record of the shared batch is acknowledged; throws the first delivery error.</summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken = default) => _shared.AcknowledgeAsync(cancellationToken);

    public void Dispose() => _producer.Dispose();

    /// <summary>Every delivery report of every batch, before the batch counts it.</summary>
    internal void Observe(DeliveryReport<byte[], byte[]> report)
    {
        // No error but no offset: librdkafka "implicitly acked" a record no broker confirmed. Counted delivered all the
        // same, as librdkafka says: a real broker with acks=all never causes this, so operators are told rather than
        // the stage stopped.
        if (report.Offset.Value < 0 && _checksOffsets && !report.Error.IsError)
            AcknowledgedWithoutOffsetSeen(report);
        _audit?.Delivered(report);
    }

    // Counted always, logged at most once a minute (the first at once): a leader move can cause thousands in a burst.
    private void AcknowledgedWithoutOffsetSeen(DeliveryReport<byte[], byte[]> report)
    {
        var count = Interlocked.Increment(ref _withoutOffset);
        var now = Environment.TickCount64;
        var warned = Volatile.Read(ref _warnedAtMs);
        if (count > 1 && now - warned < WarnIntervalMs)
            return;
        if (Interlocked.CompareExchange(ref _warnedAtMs, now, warned) == warned)
            Log.AcknowledgedWithoutOffset(_logger, count, report.Topic, report.Partition.Value);
    }
}
