using System.Text;
using FraudStream.Simulator.Output;

namespace FraudStream.Simulator.Tests.Output;

/// <summary>Keeps what a run writes, and counts the paced batches.</summary>
internal sealed class MemorySink : IRecordSink
{
    public List<(string Key, string Record)> Records { get; } = [];

    public int Batches { get; private set; }

    public void Write(ReadOnlySpan<byte> record, ReadOnlySpan<byte> key) => Records.Add((Encoding.UTF8.GetString(key), Encoding.UTF8.GetString(record)));

    public ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        Batches++;
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
