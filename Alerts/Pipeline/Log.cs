using Microsoft.Extensions.Logging;

namespace FraudStream.Alerts.Pipeline;

/// <summary>Source-generated log messages of the pipeline, with stable event ids (6xxx = pipeline).</summary>
internal static partial class Log
{
    // Debug: the alert topic is the durable record of every alert; raise FraudStream.Alerts to Debug to trace them.
    [LoggerMessage(6001, LogLevel.Debug, "Alert {AlertId} {Kind} from {Topic}[{Partition}]@{Offset} record {RecordId}")]
    public static partial void Alert(ILogger logger, string alertId, string kind, string topic, int partition, long offset, string recordId);

    [LoggerMessage(6002, LogLevel.Warning, "The model could not score {Events} events of {Topic}[{Partition}] ({Total} so far): {Error}; they are decided by rules and labels alone and flagged degraded")]
    public static partial void ModelFailed(ILogger logger, long events, string topic, int partition, long total, string error);

    [LoggerMessage(6003, LogLevel.Warning, "Cannot read the partition counts of {Topic} and {CalleeTopic} for the ordered merge ({Error}); records go unordered until they are known, retrying in {RetrySeconds} s")]
    public static partial void TopologyUnknown(ILogger logger, string topic, string calleeTopic, string error, int retrySeconds);
}
