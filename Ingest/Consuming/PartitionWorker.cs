using System.Threading.Channels;
using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.DeadLetters;
using FraudStream.Ingest.Frames;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Processes one assigned partition in order: takes what its bounded buffer holds (up to a batch),
/// decodes, dead-letters bad records, drops redeliveries, hands the valid events to the handler, waits
/// for the dead letters' acknowledgement, then reports the batch's next offset for storing.
/// </summary>
internal sealed partial class PartitionWorker
{
    private readonly Channel<ConsumeResult<byte[], ConsumedBytes>> _buffer;
    private readonly ConsumeResult<byte[], ConsumedBytes>[] _raw;
    private readonly EventBatch _batch;
    private readonly RecordIdDeduplicator _dedup;
    private readonly List<(long Offset, Message<byte[], byte[]> Message)> _deadLetters = [];
    private readonly CdrConsumer.Shared _shared;
    private readonly SlabRelease _slabs;
    private readonly CancellationTokenSource _abort = new();
    private long _headMs = NoTime;
    private long _advancedAtTicks;
    private volatile bool _draining;
    private volatile bool _processing;
    private InFlight? _inFlight;

    public PartitionWorker(TopicPartition topicPartition, CdrConsumer.Shared shared)
    {
        TopicPartition = topicPartition;
        _shared = shared;
        _slabs = new SlabRelease(shared.Slabs);
        var options = shared.Options;
        _buffer = Channel.CreateBounded<ConsumeResult<byte[], ConsumedBytes>>(new BoundedChannelOptions(options.PartitionBufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _raw = new ConsumeResult<byte[], ConsumedBytes>[options.MaxBatchSize];
        _batch = new EventBatch(topicPartition.Topic, topicPartition.Partition.Value, options.MaxBatchSize);
        _dedup = new RecordIdDeduplicator(options.DedupWindow, options.DedupMaxEntries);
        if (shared.MergeIdle is { } idle)
        {
            _merge = new SourceMerge(idle, options.PartitionBufferSize);
            _released = new EventBatch(topicPartition.Topic, topicPartition.Partition.Value, options.MaxBatchSize);
            _mergeWake = new WakeSignal();
            _wakeOnReadable = _mergeWake.Wake;
        }

        _advancedAtTicks = Environment.TickCount64;
        shared.Alignment?.Join(this);
        Completion = Task.Run(RunAsync);
    }

    /// <summary><see cref="HeadMs"/> before the partition reported an event time.</summary>
    public const long NoTime = long.MinValue;

    public TopicPartition TopicPartition { get; }

    /// <summary>Ends this partition's wait for slower peers (<see cref="EventTimeAlignment"/>) when one changes.</summary>
    public WakeSignal AlignmentWake { get; } = new();

    /// <summary>Records consumed while the buffer was full; the partition is paused until they fit.</summary>
    public Queue<ConsumeResult<byte[], ConsumedBytes>> Overflow { get; } = new();

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
    public bool HasPending => _processing || HasMore;

    /// <summary>Records to process after the batch in hand: buffered or paused ones, or lag at the broker (presumed until the first reading).</summary>
    private bool HasMore
        => Buffered > 0 || Overflow.Count > 0
           || !_shared.Statistics.Lag.TryGetValue(TopicPartition.Partition.Value, out var lag) || lag > 0;

    public void Advance(long eventTimeMs)
    {
        if (Volatile.Read(ref _headMs) != eventTimeMs)
        {
            Volatile.Write(ref _headMs, eventTimeMs);
            Volatile.Write(ref _advancedAtTicks, Environment.TickCount64);
        }
    }

    public bool TryPost(ConsumeResult<byte[], ConsumedBytes> record) => _buffer.Writer.TryWrite(record);

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
            if (_merge is not null)
            {
                await RunMergingAsync(reader, cancellation).ConfigureAwait(false);
                return;
            }

            while (true)
            {
                // Nothing more to hand over right now: the batch in flight finishes and its offset is stored.
                if (_inFlight is not null && reader.Count == 0)
                    await FinishInFlightAsync(cancellation).ConfigureAwait(false);
                if (!await reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
                    break;

                var count = 0;
                _processing = true;
                while (count < _raw.Length && reader.TryRead(out var record))
                    _raw[count++] = record;

                await ProcessAsync(count, cancellation).ConfigureAwait(false);
                _processing = false;
                _shared.Alignment?.Changed();
            }

            await FinishInFlightAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            _shared.Alignment?.Leave(this);
            AlignmentWake.Dispose();
            if (_merge is not null)
            {
                _mergeWake!.Dispose();
                ReportHeld(0);
            }
        }
    }

    private async Task ProcessAsync(int count, CancellationToken cancellation)
    {
        Decode(count);
        var (events, deadLettered, duplicates) = (_batch.Count, _batch.DeadLettered, _batch.Duplicates);
        if (_shared.Gate is null)
        {
            await ProcessAcknowledgingOnceAsync(new Counts(count + _batch.Unpacked, events, deadLettered, duplicates), cancellation).ConfigureAwait(false);
        }
        else
        {
            await ProcessSliceBySliceAsync(cancellation).ConfigureAwait(false);
            _shared.Statistics.Add(count + _batch.Unpacked, events, deadLettered, duplicates, 0);
        }

        _batch.MoreSlicesFollow = false;
        _deadLetters.Clear();
    }

    // At-least-once: the slices (one unless event-time alignment cuts the batch) are handed over one after the
    // other without waiting for their outputs; only the last slice's task waits until the outputs of all of
    // them are acknowledged, and so do the dead letters, and only then is the batch's next offset reported. One
    // wait for the broker per batch, not per slice: slices on a backlog can be a few records each, and waiting
    // per slice cut the re-keyed topic into as many tiny record batches (measured: phase B of the bench).
    // A handler that overlaps acknowledgements gets the next batch while this one's outputs are in flight.
    private async Task ProcessAcknowledgingOnceAsync(Counts counts, CancellationToken cancellation)
    {
        var total = _batch.Count;
        var start = 0;
        var deadLetter = 0;
        DeliveryBatch? deadLetters = null;
        var handled = Task.CompletedTask;
        do
        {
            var end = await SliceEndAsync(start, total, cancellation).ConfigureAwait(false);
            var nextOffset = end < total ? _batch.OffsetAt(end) : _batch.LastOffset + 1;
            deadLetter = EnqueueDeadLetters(deadLetter, nextOffset, ref deadLetters);
            // Every slice holds at least one event, so the last one (end == total) reaches the handler.
            if (end > start)
            {
                _batch.MoreSlicesFollow = end < total;
                handled = HandleEventsAsync(start, end, cancellation);
                if (_batch.MoreSlicesFollow)
                    await handled.ConfigureAwait(false);
            }

            start = end;
        }
        while (start < total);

        // Offsets are stored in order: the batch before this one first.
        await FinishInFlightAsync(cancellation).ConfigureAwait(false);
        _inFlight = new InFlight(handled, deadLetters, _batch.LastOffset + 1, counts);
        if (!_shared.Handler.OverlapsAcknowledgement)
            await FinishInFlightAsync(cancellation).ConfigureAwait(false);
    }

    private async Task FinishInFlightAsync(CancellationToken cancellation)
    {
        if (_inFlight is not { } batch)
            return;
        _inFlight = null;

        await batch.Handled.ConfigureAwait(false);
        if (batch.DeadLetters is not null)
            await batch.DeadLetters.AcknowledgeAsync(cancellation).ConfigureAwait(false);

        // A partition aborted meanwhile (lost) may have had its handler state replaced: store nothing for it.
        cancellation.ThrowIfCancellationRequested();
        if (batch.NextOffset >= 0)
            Acknowledge(batch.NextOffset);
        // Counted once done, so that the records counted mean their outputs are acknowledged.
        var c = batch.Counts;
        _shared.Statistics.Add(c.Records, c.Events, c.DeadLettered, c.Duplicates, c.Control);
    }

    // Exactly-once: each slice's dead letters and outputs are acknowledged and its offsets reported inside the
    // transaction gate, so a transaction holds a slice's outputs if and only if it holds its offsets.
    private async Task ProcessSliceBySliceAsync(CancellationToken cancellation)
    {
        var total = _batch.Count;
        var start = 0;
        var deadLetter = 0;
        do
        {
            var end = await SliceEndAsync(start, total, cancellation).ConfigureAwait(false);
            var nextOffset = end < total ? _batch.OffsetAt(end) : _batch.LastOffset + 1;
            await _shared.Gate!.EnterAsync(cancellation).ConfigureAwait(false);
            try
            {
                DeliveryBatch? deadLetters = null;
                deadLetter = EnqueueDeadLetters(deadLetter, nextOffset, ref deadLetters);
                if (end > start)
                    await HandleEventsAsync(start, end, cancellation).ConfigureAwait(false);
                if (deadLetters is not null)
                    await deadLetters.AcknowledgeAsync(cancellation).ConfigureAwait(false);
                Acknowledge(nextOffset);
            }
            finally
            {
                _shared.Gate.Exit();
            }

            start = end;
        }
        while (start < total);
    }

    // Everything before nextOffset is done, its outputs acknowledged: its offset goes to be stored and its bytes
    // back to the pool. Not before: record ids, dead letters and the handler's batch read those bytes until then.
    private void Acknowledge(long nextOffset)
    {
        _shared.Acknowledge(new TopicPartitionOffset(TopicPartition, nextOffset));
        _slabs.ReleaseBefore(nextOffset);
    }

    // The end of the slice from start: the whole rest of the batch unless event-time alignment holds it back.
    private async ValueTask<int> SliceEndAsync(int start, int total, CancellationToken cancellation)
    {
        if (_shared.Alignment is not { } alignment || total == 0)
            return total;
        var horizon = await alignment.WaitAsync(this, _batch.EventAt(start).StartTimeMs, cancellation).ConfigureAwait(false);
        return _batch.EndOfWindow(start, horizon);
    }

    private void Decode(int count)
    {
        var now = _shared.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _batch.Reset(_raw[0].Offset.Value);
        for (var i = 0; i < count; i++)
        {
            var record = _raw[i];
            _raw[i] = null!;
            _slabs.Track(record.Offset.Value, record.Message.Value);
            _batch.Cover(record.Offset.Value);
            if (_merge is not null && IsWatermarks(record, Environment.TickCount64))
                continue;

            if (record.Message.Headers is { Count: > 0 } headers && headers.TryGetLastBytes(FrameFormat.Header, out _))
            {
                DecodeFrame(record, now);
                continue;
            }

            var value = record.Message.Value;
            var result = _shared.Decoder.DecodeKeepingId(value.Array, value.Offset, value.Length, now, out var callEvent);
            if (!result.IsOk)
            {
                DeadLetterRecord(record, result);
            }
            else
            {
                var hints = _shared.DerivedCopyHeader is not null || _merge is not null ? RecordHeaders.Read(record.Message.Headers, _shared.DerivedCopyHeader) : default;
                if (_dedup.IsDuplicate(Identity(callEvent, hints), now))
                    _batch.Duplicates++;
                else
                    _batch.Add(callEvent, record.Offset.Value, record.Message, hints);
            }
        }
    }

    // One Kafka message, many records: a frame whose every record checks out gives them all, one that does not goes
    // whole to the dead-letter topic with the reason (checked before any record is taken, so never half of it).
    private void DecodeFrame(ConsumeResult<byte[], ConsumedBytes> record, long now)
    {
        var value = record.Message.Value;
        if (!FrameReader.TryOpenKeepingIds(value.Array, value.Offset, value.Length, out var reader, out var error))
        {
            DeadLetterRecord(record, new DecodeResult(CdrError.BadFrame, error));
            return;
        }

        _batch.Unpacked += reader.Count - 1;
        while (reader.TryRead(out var callEvent, out var hints))
        {
            if (_dedup.IsDuplicate(Identity(callEvent, hints), now))
                _batch.Duplicates++;
            else
                _batch.Add(callEvent, record.Offset.Value, record.Message, hints);
        }
    }

    private void DeadLetterRecord(ConsumeResult<byte[], ConsumedBytes> record, DecodeResult result)
    {
        _deadLetters.Add((record.Offset.Value, DeadLetter.For(record, TopicPartition.Topic, result)));
        Log.DeadLettered(_shared.Logger, TopicPartition.Topic, record.Partition.Value, record.Offset.Value, CdrErrors.Code(result.Error), result.Message);
        _batch.DeadLettered++;
    }

    // A copy of a record (same recordId, another purpose) is told apart from the record itself.
    private static ulong Identity(in CallEvent e, in RecordHints hints)
        => hints.IsOwnCallCopy ? RecordHash.Derived(e.RecordHash) : e.RecordHash;

    // The dead letters before nextOffset, from index deadLetter on, to their topic; returns the index of the first
    // one left for a later slice.
    private int EnqueueDeadLetters(int deadLetter, long nextOffset, ref DeliveryBatch? deadLetters)
    {
        for (; deadLetter < _deadLetters.Count && _deadLetters[deadLetter].Offset < nextOffset; deadLetter++)
        {
            deadLetters ??= _shared.DeadLetters.StartBatch();
            deadLetters.Enqueue(_shared.Options.DeadLetterTopic, _deadLetters[deadLetter].Message);
        }

        return deadLetter;
    }

    // Events [start, end) to the handler; returns its task (which, for an overlapping handler, only waits for acknowledgements).
    private Task HandleEventsAsync(int start, int end, CancellationToken cancellation)
    {
        _batch.Window(start, end - start);
        _batch.SourceHasMore = _batch.MoreSlicesFollow || HasMore;
        var handled = _shared.Handler.HandleAsync(_batch, cancellation);
        if (_shared.Alignment is { } alignment)
        {
            Advance(_batch.LatestStartTimeMs);
            alignment.Changed();
        }

        return handled;
    }

    /// <summary>A batch handed over whose outputs are not yet acknowledged: its offset is stored once they are.</summary>
    private sealed record InFlight(Task Handled, DeliveryBatch? DeadLetters, long NextOffset, Counts Counts);

    /// <summary>What a batch adds to the statistics once done (control: watermark records, merged partitions only).</summary>
    private readonly record struct Counts(int Records, int Events, int DeadLettered, int Duplicates, int Control = 0);
}
