namespace FraudStream.Ingest.Consuming;

/// <summary>
/// What the scoring pipeline plugs into the consumer: it receives each partition's valid events in order,
/// one batch per partition at a time, and partitions in parallel.
/// </summary>
public interface IBatchHandler
{
    /// <summary>
    /// Handles one batch. The returned task completes only when everything the batch caused (alerts,
    /// decisions) is acknowledged downstream: the batch's offsets are stored after it, so a crash before
    /// means redelivery, never loss. Throwing stops the consumer without storing the batch. The batch and
    /// its spans are reused afterwards: do not keep them.
    /// When <see cref="EventBatch.MoreSlicesFollow"/> is set, the batch is one slice of a consumed batch and its
    /// later slices follow on the same partition: the task may then complete before this slice's outputs are
    /// acknowledged, provided the task of the last slice (flag clear) completes only when the outputs of every
    /// slice before it are acknowledged too. No offset of the batch is stored before that. A handler that always
    /// waits for its outputs meets this as well.
    /// </summary>
    Task HandleAsync(EventBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="HandleAsync"/> is done with the batch once it returns and its task only waits for
    /// acknowledgements: the consumer may then hand it the partition's next batch before that task completes
    /// (never more than one outstanding per partition), and stores each batch's offsets in order as their tasks
    /// complete. Scoring the next batch while the previous one's outputs are on the wire keeps a partition busy.
    /// </summary>
    bool OverlapsAcknowledgement => false;

    /// <summary>The partitions are no longer this instance's (rebalance); their per-partition state may go.</summary>
    void OnPartitionsRevoked(string topic, IReadOnlyList<int> partitions)
    {
    }
}
