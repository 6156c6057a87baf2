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
    private long _headMs = NoTime;
    private long _advancedAtTicks;
    private volatile bool _draining;
    private volatile bool _processing;

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
        _advancedAtTicks = Environment.TickCount64;
        shared.Alignment?.Join(this);
        Completion = Task.Run(RunAsync);
    }

    /// <summary><see cref="HeadMs"/> before the partition reported an event time.</summary>
    public const long NoTime = long.MinValue;

    public TopicPartition TopicPartition { get; }

    /// <summary>Records consumed while the buffer was full; the partition is paused until they fit.</summary>
    public Queue<ConsumeResult<byte[], byte[]>> Overflow { get; } = new();

    public int Buffered => _buffer.Reader.Count;

    public Task Completion { get; }

    /// <summary>The event time (Unix ms) this partition has reached: its current batch's first event, then its last.</summary>
    public long HeadMs => Volatile.Read(ref _headMs);

    /// <summary>When <see cref="HeadMs"/> last moved (<see cref="Environment.TickCount64"/>).</summary>
    public long AdvancedAtTicks => Volatile.Read(ref _advancedAtTicks);

    /// <summary>Finishing its buffer for a revocation or shutdown: it waits for nobody.</summary>
    public bool IsDraining => _draining;

    /// <summary>
    /// Has records to process: a batch in hand, buffered or held records, or lag at the broker (presumed until
    /// the first lag reading: a partition just assigned is about to deliver its backlog).
    /// </summary>
    public bool HasPending
        => _processing || Buffered > 0 || Overflow.Count > 0
           || !_shared.Statistics.Lag.TryGetValue(TopicPartition.Partition.Value, out var lag) || lag > 0;

    public void Advance(long eventTimeMs)
    {
        if (Volatile.Read(ref _headMs) != eventTimeMs)
        {
            Volatile.Write(ref _headMs, eventTimeMs);
            Volatile.Write(ref _advancedAtTicks, Environment.TickCount64);
        }
    }

    public bool TryPost(ConsumeResult<byte[], byte[]> record) => _buffer.Writer.TryWrite(record);

    /// <summary>No more records: process what is buffered, then finish.</summary>
    public void Complete()
    {
        _draining = true;
        _buffer.Writer.TryComplete();
        _shared.Alignment?.Changed();
    }

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
        try
        {
            while (await reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            {
                var count = 0;
                _processing = true;
                while (count < _raw.Length && reader.TryRead(out var record))
                    _raw[count++] = record;

                await ProcessAsync(count, cancellation).ConfigureAwait(false);
                _processing = false;
                _shared.Alignment?.Changed();
            }
        }
        finally
        {
            _shared.Alignment?.Leave(this);
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
        {
            if (_shared.Alignment is { } alignment)
                await HandleAlignedAsync(alignment, cancellation).ConfigureAwait(false);
            else
                await _shared.Handler.HandleAsync(_batch, cancellation).ConfigureAwait(false);
        }

        if (deadLetters is not null)
            await deadLetters.AcknowledgeAsync(cancellation).ConfigureAwait(false);

        _shared.Statistics.Add(_batch, count);
        _shared.Acknowledge(new TopicPartitionOffset(TopicPartition, _batch.LastOffset + 1));
    }

    // Hands the batch over in slices that keep this partition within the alignment's skew of the slowest peer.
    private async Task HandleAlignedAsync(EventTimeAlignment alignment, CancellationToken cancellation)
    {
        var total = _batch.Count;
        var start = 0;
        while (start < total)
        {
            _batch.Window(0, total);
            var horizon = await alignment.WaitAsync(this, _batch.Events[start].StartTimeMs, cancellation).ConfigureAwait(false);
            var end = _batch.EndOfWindow(start, horizon);
            _batch.Window(start, end - start);
            await _shared.Handler.HandleAsync(_batch, cancellation).ConfigureAwait(false);
            Advance(_batch.LatestStartTimeMs);
            alignment.Changed();
            start = end;
        }

        _batch.Window(0, total);
    }
}
