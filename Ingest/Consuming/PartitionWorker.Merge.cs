using System.Threading.Channels;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// A partition of a re-keyed topic merged in source order (<see cref="SourceMerge"/>): consumed records wait in
/// the merge until their turn, the handler gets them in merged order, and the stored offset never passes the
/// oldest record still waiting, so a crash or a revocation re-reads it rather than losing it.
/// </summary>
internal sealed partial class PartitionWorker
{
    private readonly SourceMerge? _merge;
    private readonly EventBatch? _released;
    // Ends the merge's wait when a record arrives or, while records are held, after the recheck interval.
    private readonly WakeSignal? _mergeWake;
    private readonly Action? _wakeOnReadable;
    private long _consumedUpTo = -1;
    private int _heldReported;

    private async Task RunMergingAsync(ChannelReader<ConsumeResult<byte[], ConsumedBytes>> reader, CancellationToken cancellation)
    {
        // While records wait, look again now and then: a source going idle releases them without a new record.
        var recheck = TimeSpan.FromMilliseconds(Math.Max(1, _shared.MergeIdle!.Value.TotalMilliseconds / 4));
        var wake = _mergeWake!;
        ValueTask<bool> readable = default;
        var waiting = false; // readable is a pending read of the channel, watched by wake
        while (true)
        {
            // Nothing more to hand over right now: the records in flight finish and their offset is stored.
            if (_inFlight is not null && reader.Count == 0)
                await FinishInFlightAsync(cancellation).ConfigureAwait(false);
            if (!waiting)
            {
                readable = reader.WaitToReadAsync(cancellation);
                waiting = true;
                if (!readable.IsCompleted)
                    readable.GetAwaiter().UnsafeOnCompleted(_wakeOnReadable!);
            }

            wake.Arm();
            if (!readable.IsCompleted)
                await wake.WaitAsync(_merge!.Count > 0 ? recheck : Timeout.InfiniteTimeSpan, cancellation).ConfigureAwait(false);
            else
                wake.Disarm();
            cancellation.ThrowIfCancellationRequested();

            var count = 0;
            if (readable.IsCompleted)
            {
                var open = readable.Result;
                waiting = false;
                if (!open)
                {
                    // Draining for a revocation or shutdown: what is held goes now, in order, and its offset with it.
                    await MergeStepAsync(0, all: true, cancellation).ConfigureAwait(false);
                    await FinishInFlightAsync(cancellation).ConfigureAwait(false);
                    return;
                }

                _processing = true;
                while (count < _raw.Length && reader.TryRead(out var record))
                    _raw[count++] = record;
            }

            await MergeStepAsync(count, all: false, cancellation).ConfigureAwait(false);
            _processing = false;
        }
    }

    private async Task MergeStepAsync(int count, bool all, CancellationToken cancellation)
    {
        // Idleness is a matter of the wall clock's passing, whatever the time provider says the time is.
        var now = Environment.TickCount64;
        var merge = _merge!;
        var released = _released!;
        if (count > 0)
        {
            Decode(count);
            for (var i = 0; i < _batch.Count; i++)
                merge.Add(_batch.EventAt(i), _batch.HintsAt(i), _batch.OffsetAt(i), _batch.MessageAt(i), now);
            _consumedUpTo = _batch.LastOffset + 1;
        }

        var first = true;
        do
        {
            released.Reset(0);
            merge.Release(released, all, now);
            if (released.Count == 0 && count == 0)
                break; // a look again that released nothing: the stored offset cannot have moved
            DeliveryBatch? deadLetters = null;
            if (first)
                EnqueueDeadLetters(0, long.MaxValue, ref deadLetters);
            var consumed = first && count > 0;
            var counts = new Counts(
                released.Count + (consumed ? _batch.DeadLettered + _batch.Duplicates : 0), released.Count,
                consumed ? _batch.DeadLettered : 0, consumed ? _batch.Duplicates : 0, consumed ? _batch.Control : 0);
            first = false;

            if (_shared.Gate is { } gate)
            {
                // Exactly-once: the step's outputs and its offset in one transaction.
                await gate.EnterAsync(cancellation).ConfigureAwait(false);
                try
                {
                    await HandOverAsync(released, deadLetters, merge.SafeOffset(_consumedUpTo), counts, overlap: false, cancellation).ConfigureAwait(false);
                }
                finally
                {
                    gate.Exit();
                }
            }
            else
            {
                await HandOverAsync(released, deadLetters, merge.SafeOffset(_consumedUpTo), counts, _shared.Handler.OverlapsAcknowledgement, cancellation).ConfigureAwait(false);
            }
        }
        while (released.Count == released.Capacity);

        _deadLetters.Clear();
        ReportHeld(merge.Count);
    }

    // Also when the worker ends: what a lost partition's merge held goes with it (its next owner reads it again).
    private void ReportHeld(int held)
    {
        _shared.Statistics.Holding(held - _heldReported);
        _heldReported = held;
    }

    // The released records to the handler; their offset (the oldest still held after them) is stored once they
    // and the batch before them are acknowledged.
    private async Task HandOverAsync(EventBatch released, DeliveryBatch? deadLetters, long safeOffset, Counts counts, bool overlap, CancellationToken cancellation)
    {
        var handled = released.Count > 0 ? _shared.Handler.HandleAsync(released, cancellation) : Task.CompletedTask;
        await FinishInFlightAsync(cancellation).ConfigureAwait(false);
        _inFlight = new InFlight(handled, deadLetters, safeOffset, counts);
        if (!overlap)
            await FinishInFlightAsync(cancellation).ConfigureAwait(false);
    }

    // A control record carrying the source stage's watermarks: taken in, not decoded. A malformed one is decoded
    // as a CDR and so dead-lettered with the reason.
    private bool IsWatermarks(ConsumeResult<byte[], ConsumedBytes> record, long nowMs)
    {
        if (record.Message.Headers is not { Count: > 0 } headers || !headers.TryGetLastBytes(SourceOrder.WatermarksHeader, out var bytes)
            || !_merge!.Watermarks(bytes, nowMs))
            return false;
        _batch.Control++;
        return true;
    }
}
