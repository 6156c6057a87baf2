using System.Globalization;
using System.Text;
using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Consuming;

namespace FraudStream.Ingest.DeadLetters;

/// <summary>Builds the dead-letter record for a consumed record that failed validation.</summary>
public static class DeadLetter
{
    /// <summary>
    /// The original key, value and headers, plus headers naming the error and where the record came from. The value
    /// is copied: the dead letter is produced after the record's own bytes may have gone back to their pool.
    /// </summary>
    /// <param name="source">The record; its own <c>Topic</c> is not read (the CDR consumer does not ask Confluent.Kafka to fill it).</param>
    /// <param name="topic">The topic <paramref name="source"/> was consumed from.</param>
    /// <param name="reason">Why it failed.</param>
    public static Message<byte[], byte[]> For(ConsumeResult<byte[], ConsumedBytes> source, string topic, DecodeResult reason)
    {
        var headers = new Headers();
        if (source.Message.Headers is { } original)
        {
            foreach (var header in original)
                headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(DeadLetterHeaders.ErrorCode, Encoding.UTF8.GetBytes(CdrErrors.Code(reason.Error)));
        headers.Add(DeadLetterHeaders.ErrorMessage, Encoding.UTF8.GetBytes(reason.Message ?? ""));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceTimestamp, Encoding.UTF8.GetBytes(source.Message.Timestamp.UnixTimestampMs.ToString(CultureInfo.InvariantCulture)));

        return new Message<byte[], byte[]> { Key = source.Message.Key, Value = source.Message.Value.ToArrayOrNull()!, Headers = headers };
    }
}
