namespace FraudStream.Simulator.Output;

/// <summary>Every record to two sinks (a file copy of what went to Kafka).</summary>
public sealed class TeeSink(IRecordSink first, IRecordSink second) : IRecordSink
{
    public void Write(ReadOnlySpan<byte> record, ReadOnlySpan<byte> key)
    {
        first.Write(record, key);
        second.Write(record, key);
    }

    public async ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        await first.EndBatchAsync(cancellationToken).ConfigureAwait(false);
        await second.EndBatchAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await first.FlushAsync(cancellationToken).ConfigureAwait(false);
        await second.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync().ConfigureAwait(false);
        await second.DisposeAsync().ConfigureAwait(false);
    }
}
