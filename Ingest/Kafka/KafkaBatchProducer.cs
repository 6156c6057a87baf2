using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// An idempotent producer whose records are acknowledged in batches, the building block of at-least-once:
/// a consumed batch's offsets may be stored once the records it caused (dead letters, alerts, decisions)
/// are acknowledged. One wait per batch, not per record. <see cref="Enqueue"/> and
/// <see cref="AcknowledgeAsync"/> use one shared batch; <see cref="StartBatch"/> gives independent ones.
/// </summary>
public sealed class KafkaBatchProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly DeliveryBatch _shared;

    public KafkaBatchProducer(ProducerConfig config)
    {
        // A delivery batch reads only the error of each report: by default Confluent.Kafka also copies every
        // record's headers back out of librdkafka (a Headers object per record, even without headers) and reads
        // its timestamp and persistence status, per delivered record, for nobody.
        config.DeliveryReportFields ??= "none";
        _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        _shared = new DeliveryBatch(_producer);
    }

    /// <summary>The underlying producer, for callers that need its name or metadata.</summary>
    public IProducer<byte[], byte[]> Producer => _producer;

    /// <summary>A batch whose acknowledgement is tracked apart from every other.</summary>
    public DeliveryBatch StartBatch() => new(_producer);

    /// <summary>Queues one record in the shared batch.</summary>
    public void Enqueue(string topic, Message<byte[], byte[]> message) => _shared.Enqueue(topic, message);

    /// <summary>Completes when every record of the shared batch is acknowledged; throws the first delivery error.</summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken = default) => _shared.AcknowledgeAsync(cancellationToken);

    public void Dispose() => _producer.Dispose();
}
