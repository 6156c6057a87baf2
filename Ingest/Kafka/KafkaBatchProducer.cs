using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// Produces a batch of records and completes only when the broker has acknowledged every one of them,
/// the building block of at-least-once: a consumed batch's offsets may be stored once the records it
/// caused (dead letters, alerts, decisions) are acknowledged. One flush per batch, not per record.
/// </summary>
public sealed class KafkaBatchProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private readonly Lock _gate = new();
    private int _pending;
    private Error? _firstError;
    private TaskCompletionSource? _drained;

    public KafkaBatchProducer(ProducerConfig config)
    {
        _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        _onDelivery = OnDelivery;
    }

    /// <summary>The underlying producer, for callers that need its name or metadata.</summary>
    public IProducer<byte[], byte[]> Producer => _producer;

    /// <summary>Queues one record; it counts toward the batch that the next <see cref="AcknowledgeAsync"/> awaits.</summary>
    public void Enqueue(string topic, Message<byte[], byte[]> message)
    {
        lock (_gate)
            _pending++;

        try
        {
            _producer.Produce(topic, message, _onDelivery);
        }
        catch
        {
            lock (_gate)
                _pending--;
            throw;
        }
    }

    /// <summary>
    /// Completes when every queued record is acknowledged; throws a <see cref="KafkaException"/> carrying
    /// the first delivery error if any record of the batch was not delivered.
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

        _producer.Poll(TimeSpan.Zero);
        await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
            ThrowIfFailed();
    }

    public void Dispose() => _producer.Dispose();

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
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
