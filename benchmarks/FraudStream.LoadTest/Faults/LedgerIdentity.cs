using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.DeadLetters;
using FraudStream.Ingest.Frames;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// How the ledger names each record of the topics it reads, shared with <see cref="DeliveryAudit"/> so that an
/// acknowledgement and a record in the log are matched by exactly the same identity.
/// </summary>
internal static class LedgerIdentity
{
    /// <summary>The recordId of a caller-stage decision; null for the callee stage's.</summary>
    public static string? CallerDecision(byte[] value, out bool degraded)
    {
        var root = JsonDocument.Parse(value).RootElement;
        degraded = false;
        if (root.GetProperty("stage").GetString() != Stage.Caller.Name)
            return null;
        degraded = root.TryGetProperty("degraded", out var flag) && flag.ValueKind == JsonValueKind.True;
        return root.GetProperty("recordId").GetString()!;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the recordIds of the records re-keyed by callee in <paramref name="message"/> (a frame
    /// holds many, a record sent alone one), leaving out what is not one: a copy of a call abroad (it carries the same
    /// recordId, so the record itself could hide behind it) and what does not decode (watermarks, a bad frame).
    /// </summary>
    public static void Rekeyed(CdrDecoder decoder, Message<byte[], byte[]> message, long nowMs, List<string> into)
    {
        if (message.Headers is { } headers && headers.TryGetLastBytes(FrameFormat.Header, out _))
        {
            if (!FrameReader.TryOpen(message.Value, out var reader, out _))
                return;
            while (reader.TryRead(out var record, out var hints))
            {
                if (!hints.IsOwnCallCopy)
                    into.Add(record.RecordId);
            }

            return;
        }

        if (message.Headers is { } copy && copy.TryGetLastBytes(Stage.CallAbroadHeader, out _))
            return;
        if (decoder.Decode(message.Value, nowMs, out var e).IsOk)
            into.Add(e.RecordId);
    }

    /// <summary>Where a dead letter's record came from (topic, partition, offset); null without those headers.</summary>
    public static (string? Topic, int Partition, long Offset)? DeadLetterSource(Headers? headers)
    {
        if (headers is null || !headers.TryGetLastBytes(DeadLetterHeaders.ErrorCode, out _)
            || !headers.TryGetLastBytes(DeadLetterHeaders.SourcePartition, out var partition)
            || !headers.TryGetLastBytes(DeadLetterHeaders.SourceOffset, out var offset))
            return null;
        var topic = headers.TryGetLastBytes(DeadLetterHeaders.SourceTopic, out var name) ? Encoding.UTF8.GetString(name) : null;
        return (topic, int.Parse(Encoding.UTF8.GetString(partition), CultureInfo.InvariantCulture), long.Parse(Encoding.UTF8.GetString(offset), CultureInfo.InvariantCulture));
    }

    /// <summary>A dead letter's identity: its source record's partition@offset.</summary>
    public static string DeadLetter(int partition, long offset) => string.Create(CultureInfo.InvariantCulture, $"{partition}@{offset}");
}
