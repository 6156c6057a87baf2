using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Ingest.Consuming;

public sealed partial class CdrConsumer
{
    private void OnAssigned(List<TopicPartition> partitions)
    {
        // Cooperative assignment: only the partitions added by this rebalance.
        foreach (var partition in partitions)
            _workers[partition.Partition.Value] = new PartitionWorker(partition, _shared);
        _shared.Statistics.Assigned(_workers.Count);
        Log.Assigned(_logger, partitions.Count, _workers.Count);
    }

    private void OnRevoked(IConsumer<byte[], ConsumedBytes> consumer, List<TopicPartitionOffset> partitions)
    {
        // Still ours until this returns: finish what is buffered, store and commit it, then let go.
        var workers = Take(consumer, partitions);
        foreach (var worker in workers)
            worker.Complete();
        Await(workers);
        StoreAcknowledged(consumer);
        Commit(consumer);
        CommitTransaction(consumer);
        Forget(workers);
        Log.Revoked(_logger, partitions.Count, _workers.Count);
    }

    private void OnLost(IConsumer<byte[], ConsumedBytes> consumer, List<TopicPartitionOffset> partitions)
    {
        // Already someone else's: stop without storing; their records will be processed by the new owner.
        // Exactly-once: the open transaction may hold their outputs, so it must abort, and the partitions kept
        // would then be ahead of what was committed: stop, and let a restart resume from the last transaction.
        if (_shared.Gate is not null)
            _failure ??= new InvalidOperationException($"{partitions.Count} partitions lost in exactly-once mode (session timeout or fenced): the open transaction is aborted; restart to resume from the last committed one");
        var workers = Take(consumer, partitions);
        foreach (var worker in workers)
            worker.Abort();
        Forget(workers);
        _shared.Statistics.Lost(partitions.Count);
        Log.Lost(_logger, partitions.Count);
    }

    private void Shutdown(IConsumer<byte[], ConsumedBytes> consumer)
    {
        var workers = new List<PartitionWorker>(_workers.Values);
        foreach (var worker in workers)
        {
            if (_failure is null)
                worker.Complete();
            else
                worker.Abort();
        }

        Await(workers);
        StoreAcknowledged(consumer);
        Commit(consumer);
        EndTransactions(consumer);
        _workers.Clear();
        _shared.Statistics.Assigned(0);
        _paused.Clear();
        consumer.Close(); // leaves the group, committing stored offsets of what it still owned
        consumer.Dispose();
        Log.Closed(_logger, Statistics.Records, Statistics.Events, Statistics.DeadLettered, Statistics.Duplicates);
    }

    private List<PartitionWorker> Take(IConsumer<byte[], ConsumedBytes> consumer, List<TopicPartitionOffset> partitions)
    {
        var workers = new List<PartitionWorker>(partitions.Count);
        foreach (var partition in partitions)
        {
            _shared.Statistics.ForgetLag(partition.Partition.Value);
            if (_workers.Remove(partition.Partition.Value, out var worker))
            {
                // Never handed to the worker: nothing else reads their bytes.
                while (worker.Overflow.TryDequeue(out var held))
                    _shared.Slabs.Release(held.Message.Value);
                if (_paused.Remove(worker))
                    Unpause(consumer, worker.TopicPartition);
                workers.Add(worker);
            }
        }

        _shared.Statistics.Assigned(_workers.Count);
        return workers;
    }

    // librdkafka keeps a partition's pause through revocation and re-assignment: a partition paused for
    // back-pressure when it left (e.g. lost to a session timeout) would come back paused, with a new worker that
    // knows nothing of it, and never be fetched again. Resume it while it is still assigned.
    private static void Unpause(IConsumer<byte[], ConsumedBytes> consumer, TopicPartition partition)
    {
        try
        {
            consumer.Resume([partition]);
        }
        catch (KafkaException)
        {
            // Already gone from the assignment: nothing to carry over.
        }
    }

    private void Await(List<PartitionWorker> workers)
    {
        if (workers.Count == 0)
            return;

        var completions = new Task[workers.Count];
        for (var i = 0; i < workers.Count; i++)
            completions[i] = workers[i].Completion;

        try
        {
            if (!Task.WaitAll(completions, DrainTimeout))
            {
                Log.DrainTimedOut(_logger, DrainTimeout.TotalSeconds);
                foreach (var worker in workers)
                    worker.Abort();
            }
        }
        catch (AggregateException e)
        {
            // A cancelled (lost/aborted) worker is expected here; a failed handler was or will be reported.
            _failure ??= FirstFailure(e);
        }
    }

    private static Exception? FirstFailure(AggregateException e)
    {
        foreach (var inner in e.Flatten().InnerExceptions)
        {
            if (inner is not OperationCanceledException)
                return inner;
        }

        return null;
    }

    private void Forget(List<PartitionWorker> workers)
    {
        if (workers.Count == 0)
            return;

        var numbers = new List<int>(workers.Count);
        foreach (var worker in workers)
            numbers.Add(worker.TopicPartition.Partition.Value);
        _shared.Handler.OnPartitionsRevoked(workers[0].TopicPartition.Topic, numbers);
    }

    private void Commit(IConsumer<byte[], ConsumedBytes> consumer)
    {
        if (_shared.Gate is not null)
            return; // Exactly-once: offsets are committed by transactions.

        try
        {
            consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_NoOffset or ErrorCode.Local_State or ErrorCode.RebalanceInProgress
                                           or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId)
        {
            // Nothing stored since the last commit, or the group moved on: the background commit or the new owner covers it.
        }
    }
}
