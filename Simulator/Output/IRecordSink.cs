namespace FraudStream.Simulator.Output;

/// <summary>Where simulated records go: a JSON Lines file, a Kafka topic, or both.</summary>
public interface IRecordSink : IAsyncDisposable
{
    /// <summary>Accepts one record; it may be buffered until <see cref="FlushAsync"/>.</summary>
    void Write(ReadOnlySpan<byte> record, ReadOnlySpan<byte> key);

    /// <summary>Ends a paced batch: the sink may hand records on now or keep gathering (Kafka acknowledges in bigger batches).</summary>
    ValueTask EndBatchAsync(CancellationToken cancellationToken);

    /// <summary>Everything written so far is in the file, or acknowledged by the brokers.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
