namespace FraudStream.Ingest.Kafka;

/// <summary>What a Kafka coordinator coordinates.</summary>
public enum CoordinatorType
{
    /// <summary>A consumer group.</summary>
    Group,

    /// <summary>A transactional producer id.</summary>
    Transaction,
}
