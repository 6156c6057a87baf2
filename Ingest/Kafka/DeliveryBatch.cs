using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// Records produced together whose acknowledgement is awaited together: <see cref="AcknowledgeAsync"/>
/// completes when the broker has acknowledged every record enqueued so far, and throws the first delivery
/// error if any failed. Independent of other batches on the same producer, so one partition's outputs
/// never wait for another's. Reusable after each acknowledgement.
/// </summary>
public sealed class DeliveryBatch
{
    private static readonly TimeSpan s_queueFullWait = TimeSpan.FromMilliseconds(10);

    private readonly KafkaBatchProducer _owner;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private readonly Lock _gate = new();
    private int _pending;
    private Error? _firstError;
    private TaskCompletionSource? _drained;

    internal DeliveryBatch(KafkaBatchProducer owner)
    {
        _owner = owner;
        _producer = owner.Producer;
        _onDelivery = OnDelivery;
    }

    /// <summary>Records enqueued and not yet acknowledged.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
                return _pending;
        }
    }

    /// <summary>Queues one record for delivery; the producer's partitioner picks its partition.</summary>
    public void Enqueue(string topic, Message<byte[], byte[]> message) => Enqueue(new TopicPartition(topic, Partition.Any), message);

    /// <summary>Queues one record for delivery to <paramref name="destination"/> (<see cref="Partition.Any"/>: the partitioner's choice).</summary>
    public void Enqueue(TopicPartition destination, Message<byte[], byte[]> message)
    {
        lock (_gate)
            _pending++;

        try
        {
            while (true)
            {
                try
                {
                    _producer.Produce(destination, message, _onDelivery);
                    return;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // librdkafka's local queue is full (queue.buffering.max.messages): wait for deliveries to
                    // make room rather than fail; this is back-pressure, not an error.
                    _producer.Poll(s_queueFullWait);
                }
            }
        }
        catch
        {
            lock (_gate)
                _pending--;
            throw;
        }
    }

    /// <summary>
    /// Completes when every record enqueued so far is acknowledged; throws a <see cref="KafkaException"/>
    /// carrying the first delivery error if any record was not delivered.
    /// </summary>
    public async Task AcknowledgeAsync(CancellationToken cancellationToken = default)
    {
        Task drained;
        lock (_gate)
        {
            if (_pending == 0)
            {
                ThrowIfFailed();
                return;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
            ThrowIfFailed();
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        _owner.Observe(report);

        lock (_gate)
        {
            if (report.Error.IsError)
                _firstError ??= report.Error;

            if (--_pending == 0 && _drained is { } drained)
            {
                _drained = null;
                drained.TrySetResult();
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_firstError is { } error)
        {
            _firstError = null;
            throw new KafkaException(error);
        }
    }
}
