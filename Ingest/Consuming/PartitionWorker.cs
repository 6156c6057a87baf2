using System.Threading.Channels;
using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.DeadLetters;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Processes one assigned partition in order: takes what its bounded buffer holds (up to a batch),
/// decodes, dead-letters bad records, drops redeliveries, hands the valid events to the handler, waits
/// for the dead letters' acknowledgement, then reports the batch's next offset for storing.
/// </summary>
internal sealed class PartitionWorker
{
    private readonly Channel<ConsumeResult<byte[], byte[]>> _buffer;
    private readonly ConsumeResult<byte[], byte[]>[] _raw;
    private readonly EventBatch _batch;
    private readonly RecordIdDeduplicator _dedup;
    private readonly CdrConsumer.Shared _shared;
    private readonly CancellationTokenSource _abort = new();

    public PartitionWorker(TopicPartition topicPartition, CdrConsumer.Shared shared)
    {
        TopicPartition = topicPartition;
        _shared = shared;
        var options = shared.Options;
        _buffer = Channel.CreateBounded<ConsumeResult<byte[], byte[]>>(new BoundedChannelOptions(options.PartitionBufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _raw = new ConsumeResult<byte[], byte[]>[options.MaxBatchSize];
        _batch = new EventBatch(topicPartition.Topic, topicPartition.Partition.Value, options.MaxBatchSize);
        _dedup = new RecordIdDeduplicator(options.DedupWindow, options.DedupMaxEntries);
        Completion = Task.Run(RunAsync);
    }

    public TopicPartition TopicPartition { get; }

    /// <summary>Records consumed while the buffer was full; the partition is paused until they fit.</summary>
    public Queue<ConsumeResult<byte[], byte[]>> Overflow { get; } = new();

    public int Buffered => _buffer.Reader.Count;

    public Task Completion { get; }

    public bool TryPost(ConsumeResult<byte[], byte[]> record) => _buffer.Writer.TryWrite(record);

    /// <summary>No more records: process what is buffered, then finish.</summary>
    public void Complete() => _buffer.Writer.TryComplete();

    /// <summary>Stop now: the partition is lost, nothing more of it may be processed or stored.</summary>
    public void Abort()
    {
        _abort.Cancel();
        Complete();
    }

    private async Task RunAsync()
    {
        var reader = _buffer.Reader;
        var cancellation = _abort.Token;
        while (await reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
        {
            var count = 0;
            while (count < _raw.Length && reader.TryRead(out var record))
                _raw[count++] = record;

            await ProcessAsync(count, cancellation).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(int count, CancellationToken cancellation)
    {
        var now = _shared.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _batch.Reset(_raw[0].Offset.Value);
        DeliveryBatch? deadLetters = null;
        for (var i = 0; i < count; i++)
        {
            var record = _raw[i];
            _raw[i] = null!;
            _batch.Cover(record.Offset.Value);

            var result = _shared.Decoder.Decode(record.Message.Value, now, out var callEvent);
            if (!result.IsOk)
            {
                deadLetters ??= _shared.DeadLetters.StartBatch();
                deadLetters.Enqueue(_shared.Options.DeadLetterTopic, DeadLetter.For(record, result));
                _batch.DeadLettered++;
            }
            else if (_dedup.IsDuplicate(callEvent.RecordHash, now))
            {
                _batch.Duplicates++;
            }
            else
            {
                _batch.Add(callEvent, record.Offset.Value, record.Message);
            }
        }

        if (_batch.Count > 0)
            await _shared.Handler.HandleAsync(_batch, cancellation).ConfigureAwait(false);
        if (deadLetters is not null)
            await deadLetters.AcknowledgeAsync(cancellation).ConfigureAwait(false);

        _shared.Statistics.Add(_batch, count);
        _shared.Acknowledge(new TopicPartitionOffset(TopicPartition, _batch.LastOffset + 1));
    }
}
