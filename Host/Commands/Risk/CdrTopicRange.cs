using Confluent.Kafka;
using FraudStream.Host.Commands.Tail;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Host.Commands.Risk;

/// <summary>
/// Reads a CDR topic once, outside any consumer group and committing nothing: every partition from the first record
/// whose Kafka timestamp is at or after <c>since</c> (a CDR is produced at or after its call starts, so no record of
/// the range is before it) up to its end as it was when reading began.
/// </summary>
internal sealed class CdrTopicRange : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly IConsumer<Ignore, byte[]?> _consumer;
    private readonly Dictionary<int, long> _ends;
    private readonly string _topic;

    private CdrTopicRange(IConsumer<Ignore, byte[]?> consumer, string topic, Dictionary<int, long> ends, bool seekedByTime)
    {
        _topic = topic;
        _consumer = consumer;
        _ends = ends;
        SeekedByTime = seekedByTime;
    }

    /// <summary>False when the cluster could not look offsets up by time (for some partition), which is then read from its start.</summary>
    public bool SeekedByTime { get; }

    public static CdrTopicRange Open(KafkaOptions kafka, string topic, DateTimeOffset since)
    {
        var partitions = AlertTopicReader.Lookup(kafka, topic);
        var config = KafkaClientConfigs.Reader(kafka, "fraudstream-risk-" + Guid.NewGuid().ToString("N"), fromBeginning: true);
        var consumer = new ConsumerBuilder<Ignore, byte[]?>(config).SetLogHandler(static (_, _) => { }).Build();
        var ends = new Dictionary<int, long>();
        foreach (var p in partitions)
            ends[p] = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), s_timeout).High.Value;

        List<TopicPartitionOffset> starts;
        var byTime = true;
        try
        {
            starts = consumer.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(topic, p, new Timestamp(since))), s_timeout);
        }
        catch (KafkaException)
        {
            byTime = false;
            starts = [.. partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning))];
        }

        // A partition with no record at or after `since` answers End. Not every cluster looks offsets up by time
        // (librdkafka's mock cluster answers End for any time): when the partition's last record is not before
        // `since` after all, the answer was wrong and the partition is read from its start.
        for (var i = 0; i < starts.Count; i++)
        {
            var p = starts[i].Partition.Value;
            if (starts[i].Offset == Offset.End && ends[p] > 0 && !LastRecordBefore(consumer, topic, p, ends[p], since))
            {
                byTime = false;
                starts[i] = new TopicPartitionOffset(topic, p, Offset.Beginning);
            }
        }

        // A partition already empty needs no reading either.
        var reading = starts.Where(s => s.Offset != Offset.End && ends[s.Partition.Value] > 0 && (s.Offset == Offset.Beginning || s.Offset.Value < ends[s.Partition.Value])).ToList();
        foreach (var done in ends.Keys.Except(reading.Select(s => s.Partition.Value)).ToList())
            ends.Remove(done);
        consumer.Assign(reading);
        return new CdrTopicRange(consumer, topic, ends, byTime);
    }

    // Whether the partition's last record has a Kafka timestamp before `since`; false when it cannot be read.
    private static bool LastRecordBefore(IConsumer<Ignore, byte[]?> consumer, string topic, int partition, long end, DateTimeOffset since)
    {
        consumer.Assign(new TopicPartitionOffset(topic, partition, end - 1));
        try
        {
            var last = consumer.Consume(s_timeout);
            return last is not null && last.Message.Timestamp.UnixTimestampMs < since.ToUnixTimeMilliseconds();
        }
        finally
        {
            consumer.Unassign();
        }
    }

    /// <summary>Every record up to each partition's end, with where it came from ("topic[partition]@offset").</summary>
    public IEnumerable<(byte[] Value, string Where)> Records(CancellationToken cancellationToken)
    {
        while (_ends.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = _consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null)
            {
                // The last offsets may be transaction markers, which are never delivered: the position tells.
                foreach (var (p, last) in _ends.ToList())
                {
                    var position = _consumer.Position(new TopicPartition(_topic, p));
                    if (position != Offset.Unset && position.Value >= last)
                        _ends.Remove(p);
                }

                continue;
            }

            var partition = result.Partition.Value;
            if (!_ends.TryGetValue(partition, out var end))
                continue;
            if (result.Offset.Value >= end - 1)
                _ends.Remove(partition);
            if (result.Offset.Value < end)
                yield return (result.Message.Value ?? [], $"{result.Topic}[{partition}]@{result.Offset.Value}");
        }
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
