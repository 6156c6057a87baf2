using Microsoft.Extensions.Logging;

namespace FraudStream.Ingest.Kafka;

/// <summary>Source-generated log messages of the Kafka clients, with stable event ids (11xx = Ingest's Kafka layer).</summary>
internal static partial class Log
{
    [LoggerMessage(1101, LogLevel.Warning, "{Count} records so far reported delivered without an offset, the latest to {Topic}[{Partition}]: the client counted them acknowledged although no broker confirmed where it wrote them (librdkafka's implicit acknowledgement); a record of these missing from its topic was lost by the broker, not retried")]
    public static partial void AcknowledgedWithoutOffset(ILogger logger, long count, string topic, int partition);
}
