using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// What at-least-once rests on, made visible to a harness that must tell a broker's loss from FraudStream's: every
/// delivery report of the producers it is given to and every input offset a consumer releases for storing. With an
/// audit, a <see cref="KafkaBatchProducer"/>'s reports carry the record's key, value and headers and its persistence
/// status; without one (production) nothing is copied or recorded. Called on librdkafka's delivery threads and on the
/// consumers' partition workers: implementations are thread-safe and quick.
/// </summary>
public interface IDeliveryAudit
{
    /// <summary>One delivery report, before the batch waiting for it learns of it.</summary>
    void Delivered(DeliveryReport<byte[], byte[]> report);

    /// <summary>
    /// <paramref name="next"/> is about to be stored as its partition's position: every record before it is done, its
    /// outputs acknowledged. Called before the store, so nothing is stored earlier than the audit hears of it.
    /// </summary>
    void Releasing(TopicPartitionOffset next);
}
