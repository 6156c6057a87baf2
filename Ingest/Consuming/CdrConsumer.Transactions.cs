using Confluent.Kafka;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// Exactly-once mode (<see cref="Kafka.KafkaOptions.ExactlyOnce"/>): every output of this consumer's stage goes
/// through one transactional producer (the one given for dead letters); every <c>TransactionIntervalMs</c>, on
/// revocation and at shutdown, the poll thread closes the <see cref="TransactionGate"/>, sends the offsets of
/// every slice finished since the last commit to the transaction and commits it. A failure aborts the open
/// transaction and stops the consumer: its outputs vanish for read_committed readers, and a restart resumes
/// from the last committed offsets.
/// </summary>
public sealed partial class CdrConsumer
{
    private static readonly TimeSpan s_transactionCallTimeout = TimeSpan.FromSeconds(30);

    private long _transactions;
    private long _nextCommitMs;

    private IProducer<byte[], byte[]> TransactionalProducer => _shared.DeadLetters.Producer;

    private void BeginTransactions()
    {
        if (_shared.Gate is null)
            return;

        TransactionalProducer.InitTransactions(s_transactionCallTimeout);
        TransactionalProducer.BeginTransaction();
        _nextCommitMs = Environment.TickCount64 + _kafka.TransactionIntervalMs;
    }

    private void CommitTransactionIfDue(IConsumer<byte[], ConsumedBytes> consumer)
    {
        if (_shared.Gate is null || Environment.TickCount64 < _nextCommitMs)
            return;
        CommitTransaction(consumer);
        _nextCommitMs = Environment.TickCount64 + _kafka.TransactionIntervalMs;
    }

    private void CommitTransaction(IConsumer<byte[], ConsumedBytes> consumer)
    {
        if (_shared.Gate is not { } gate || _failure is not null)
            return;

        // Slices in flight finish (their outputs and offsets both land in this transaction); new ones wait.
        if (!gate.Close(TimeSpan.FromMilliseconds(_kafka.TransactionTimeoutMs / 2)))
        {
            _failure ??= new TimeoutException($"exactly-once: a batch did not finish within {_kafka.TransactionTimeoutMs / 2} ms, before its transaction would time out");
            return;
        }

        try
        {
            var offsets = DrainAcknowledged();
            if (offsets.Count == 0)
                return; // Nothing finished since the last commit, so nothing was produced either.

            Retry(() => TransactionalProducer.SendOffsetsToTransaction(offsets, consumer.ConsumerGroupMetadata, s_transactionCallTimeout));
            Retry(() => TransactionalProducer.CommitTransaction(s_transactionCallTimeout));
            Interlocked.Increment(ref _transactions);
            TransactionalProducer.BeginTransaction();
        }
        catch (KafkaException e)
        {
            // Abortable or fatal: either way this transaction's outputs must not become visible.
            _failure ??= new InvalidOperationException($"exactly-once: the transaction failed ({e.Error.Code}: {e.Error.Reason}); its outputs are aborted", e);
        }
        finally
        {
            if (_failure is null)
                gate.Open();
        }
    }

    /// <summary>At shutdown: commit what was finished, or abort after a failure.</summary>
    private void EndTransactions(IConsumer<byte[], ConsumedBytes> consumer)
    {
        if (_shared.Gate is null)
            return;

        CommitTransaction(consumer);
        if (_failure is null)
            return;

        try
        {
            TransactionalProducer.AbortTransaction(s_transactionCallTimeout);
        }
        catch (KafkaException)
        {
            // Already aborted, fenced or fatal: the broker aborts it at the transaction timeout anyway.
        }
    }

    private List<TopicPartitionOffset> DrainAcknowledged()
    {
        var latest = new Dictionary<TopicPartition, Offset>();
        while (_acks.TryDequeue(out var ack))
        {
            if (!latest.TryGetValue(ack.TopicPartition, out var offset) || ack.Offset.Value > offset.Value)
                latest[ack.TopicPartition] = ack.Offset;
        }

        var offsets = new List<TopicPartitionOffset>(latest.Count);
        foreach (var (partition, offset) in latest)
            offsets.Add(new TopicPartitionOffset(partition, offset));
        return offsets;
    }

    private static void Retry(Action call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                call();
                return;
            }
            catch (KafkaRetriableException) when (attempt < 5)
            {
                Thread.Sleep(100 * attempt);
            }
        }
    }
}
