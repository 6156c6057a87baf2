using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace FraudStream.Ingest.Consuming;

/// <summary>Source-generated log messages of the consumer, with stable event ids (1xxx = Ingest).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Subscribed to {Topic} as group {Group}")]
    public static partial void Subscribed(ILogger logger, string topic, string group);

    [LoggerMessage(1002, LogLevel.Information, "Assigned {Added} partitions; {Total} owned")]
    public static partial void Assigned(ILogger logger, int added, int total);

    [LoggerMessage(1003, LogLevel.Information, "Revoked {Revoked} partitions after finishing and committing their batches; {Total} owned")]
    public static partial void Revoked(ILogger logger, int revoked, int total);

    [LoggerMessage(1004, LogLevel.Warning, "Lost {Lost} partitions; their unfinished batches are left to the new owner")]
    public static partial void Lost(ILogger logger, int lost);

    [LoggerMessage(1005, LogLevel.Warning, "Consume error {Code}: {Reason}")]
    public static partial void ConsumeError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(1006, LogLevel.Warning, "Kafka error {Code}: {Reason} (fatal: {Fatal})")]
    public static partial void KafkaError(ILogger logger, ErrorCode code, string reason, bool fatal);

    [LoggerMessage(1007, LogLevel.Error, "Batch handler failed on {Topic}[{Partition}]; stopping without storing its offsets")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string topic, int partition);

    [LoggerMessage(1008, LogLevel.Warning, "Partition workers did not finish within {Seconds} s; aborted")]
    public static partial void DrainTimedOut(ILogger logger, double seconds);

    [LoggerMessage(1009, LogLevel.Information, "Consumer closed: {Records} records, {Events} events, {DeadLettered} dead-lettered, {Duplicates} duplicates")]
    public static partial void Closed(ILogger logger, long records, long events, long deadLettered, long duplicates);

    [LoggerMessage(1010, LogLevel.Information, "Dead-lettered {Topic}[{Partition}]@{Offset}: {Code}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string code, string? reason);
}
