namespace FraudStream.Ingest.DeadLetters;

/// <summary>Header names on dead-lettered records (docs/contracts/cdr-v1.md), in the Kafka Connect / Spring shape.</summary>
public static class DeadLetterHeaders
{
    public const string ErrorCode = "fraudstream.error.code";
    public const string ErrorMessage = "fraudstream.error.message";
    public const string SourceTopic = "fraudstream.source.topic";
    public const string SourcePartition = "fraudstream.source.partition";
    public const string SourceOffset = "fraudstream.source.offset";
    public const string SourceTimestamp = "fraudstream.source.timestamp";
}
