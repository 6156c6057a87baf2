namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Keeps the partitions of one consumer within a bounded distance of each other in event time. A partition
/// whose next batch starts more than <see cref="MaxSkew"/> after the event time of another partition that
/// still has records to process waits for that partition to catch up (or to run dry).
/// </summary>
/// <remarks>
/// Why: a stage that re-keys records into another topic (the caller stage writing the callee-keyed topic)
/// merges its partitions into each output partition in the order it processes them. Live, all partitions
/// sit at the head of the log and that order is close to event time. On a backlog (a restart after
/// downtime, a producer faster than the pipeline) the partitions are fetched and processed at different
/// speeds and, without alignment, the merged topic would carry events minutes or hours out of order, which
/// event-time windows downstream must then discard as late. Kafka Streams (<c>max.task.idle.ms</c>, choosing
/// the record with the lowest timestamp) and Flink (watermark alignment) solve the same problem; this is the
/// same idea for the partitions of one process. A partition that has nothing to process never holds others
/// back, and no partition waits longer than <see cref="MaxWait"/> for a peer whose records do not arrive
/// (e.g. its leader is down), so alignment can delay but never stop consumption.
/// </remarks>
internal sealed class EventTimeAlignment(TimeSpan maxSkew, TimeSpan maxWait)
{
    private static readonly TimeSpan s_recheck = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    // Copied on join and leave (rare), so that looking at the peers (per batch) neither locks nor allocates.
    private PartitionWorker[] _members = [];
    private long _waits;

    public TimeSpan MaxSkew { get; } = maxSkew;

    public TimeSpan MaxWait { get; } = maxWait;

    /// <summary>Times a partition waited for a slower one.</summary>
    public long Waits => Volatile.Read(ref _waits);

    public void Join(PartitionWorker worker)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_members, worker) < 0)
                Volatile.Write(ref _members, [.. _members, worker]);
        }
    }

    public void Leave(PartitionWorker worker)
    {
        lock (_gate)
        {
            var members = _members;
            var i = Array.IndexOf(members, worker);
            if (i >= 0)
            {
                var left = new PartitionWorker[members.Length - 1];
                Array.Copy(members, left, i);
                Array.Copy(members, i + 1, left, i, left.Length - i);
                Volatile.Write(ref _members, left);
            }
        }

        Changed();
    }

    /// <summary>Wakes waiting partitions to look again (a peer advanced, ran dry or left).</summary>
    public void Changed()
    {
        // The caller's change is visible before any waiter's armed flag is read (each waiter arms, then looks).
        Interlocked.MemoryBarrier();
        foreach (var member in Volatile.Read(ref _members))
            member.AlignmentWake.Wake();
    }

    /// <summary>
    /// Returns when <paramref name="worker"/> may process events from <paramref name="startMs"/> on, with the
    /// latest event time it may go up to (the slowest peer with records pending + <see cref="MaxSkew"/>). A peer
    /// whose event time has not moved for <see cref="MaxWait"/> counts as stalled and holds nobody back.
    /// </summary>
    public async ValueTask<long> WaitAsync(PartitionWorker worker, long startMs, CancellationToken cancellationToken)
    {
        worker.Advance(startMs);
        var horizon = Horizon(worker);
        if (startMs <= horizon)
            return horizon;

        // Held back: resume only once the horizon is half a skew past this partition's next event. Resuming at
        // the first millisecond of room would cut slices of a record or two, each with its own outputs to
        // acknowledge and its own model call, and a backlog would crawl (measured: 5M records on 63 partitions
        // at 16k records/s and 90 CPU-µs each). The bound is unchanged: no partition passes slowest + MaxSkew.
        var resumeAt = startMs + (long)(MaxSkew.TotalMilliseconds / 2);
        Interlocked.Increment(ref _waits);
        var wake = worker.AlignmentWake;
        while (true)
        {
            wake.Arm();
            horizon = Horizon(worker);
            if (horizon >= resumeAt)
            {
                wake.Disarm();
                return horizon;
            }

            await wake.WaitAsync(s_recheck, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private long Horizon(PartitionWorker worker)
    {
        if (worker.IsDraining)
            return long.MaxValue;

        var slowest = long.MaxValue;
        var stalledBefore = Environment.TickCount64 - (long)MaxWait.TotalMilliseconds;
        foreach (var peer in Volatile.Read(ref _members))
        {
            if (peer == worker || peer.IsDraining || !peer.HasPending || peer.AdvancedAtTicks < stalledBefore)
                continue;

            // A peer with records but no event time yet is about to report one: its first batch is on its way.
            slowest = Math.Min(slowest, peer.HeadMs);
        }

        return slowest == long.MaxValue ? long.MaxValue
            : slowest == PartitionWorker.NoTime ? long.MinValue
            : slowest + (long)MaxSkew.TotalMilliseconds;
    }
}
