using System.Globalization;
using System.Text;
using Confluent.Kafka;
using FraudStream.Alerts;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest;
using FraudStream.Ingest.DeadLetters;

namespace FraudStream.LoadTest.Tests.Faults;

/// <summary>Records of the topics the ledger reads, built by hand, as <see cref="TopicReader"/> would return them.</summary>
internal static class LedgerRecords
{
    public static IngestOptions IngestTopics { get; } = new();

    public static AlertsOptions AlertsTopics { get; } = new();

    private static string CdrTopic => IngestTopics.Topic;

    public static ConsumeResult<byte[], byte[]> Cdr(string recordId, int partition, long offset)
        => At(CdrTopic, partition, offset, Encoding.UTF8.GetBytes(
            $$"""{"recordId":"{{recordId}}","type":"sms","caller":"+8613800000001","callee":"+8613900000002","startTime":"2026-03-02T09:15:04.250+08:00"}"""));

    public static ConsumeResult<byte[], byte[]> Malformed(int partition, long offset) => At(CdrTopic, partition, offset, "not json"u8.ToArray());

    public static ConsumeResult<byte[], byte[]> Decision(string recordId, string stage = "caller")
        => At(AlertsTopics.DecisionTopic, 0, 0, Encoding.UTF8.GetBytes($$"""{"recordId":"{{recordId}}","stage":"{{stage}}","action":"allow","kinds":[],"degraded":false}"""));

    /// <summary>The CDR re-keyed by callee; <paramref name="callAbroadCopy"/>: the copy keyed by caller instead.</summary>
    public static ConsumeResult<byte[], byte[]> Rekeyed(string recordId, bool callAbroadCopy = false)
    {
        var record = Cdr(recordId, 0, 0);
        record.Topic = AlertsTopics.CalleeTopic;
        if (callAbroadCopy)
            record.Message.Headers = new Headers { { Stage.CallAbroadHeader, [] } };
        return record;
    }

    public static ConsumeResult<byte[], byte[]> DeadLetter(int partition, long offset, string? sourceTopic = null)
    {
        var record = At(IngestTopics.DeadLetterTopic, 0, 0, "not json"u8.ToArray());
        record.Message.Headers = new Headers
        {
            { DeadLetterHeaders.ErrorCode, "not_json"u8.ToArray() },
            { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(sourceTopic ?? CdrTopic) },
            { DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)) },
        };
        return record;
    }

    private static ConsumeResult<byte[], byte[]> At(string topic, int partition, long offset, byte[] value)
        => new() { TopicPartitionOffset = new TopicPartitionOffset(topic, partition, offset), Message = new Message<byte[], byte[]> { Key = [], Value = value } };
}
