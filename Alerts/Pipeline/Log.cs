using Microsoft.Extensions.Logging;

namespace FraudStream.Alerts.Pipeline;

/// <summary>Source-generated log messages of the pipeline, with stable event ids (6xxx = pipeline).</summary>
internal static partial class Log
{
    // Debug: the alert topic is the durable record of every alert; raise FraudStream.Alerts to Debug to trace them.
    [LoggerMessage(6001, LogLevel.Debug, "Alert {AlertId} {Kind} from {Topic}[{Partition}]@{Offset} record {RecordId}")]
    public static partial void Alert(ILogger logger, string alertId, string kind, string topic, int partition, long offset, string recordId);
}
