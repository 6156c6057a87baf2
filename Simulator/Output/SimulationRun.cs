namespace FraudStream.Simulator.Output;

/// <summary>
/// Pumps records from a <see cref="TrafficSimulator"/> into a sink in batches until the limits say stop:
/// a count, a wall-clock duration, or cancellation. With a rate, each batch waits until the wall clock
/// catches up, so the output averages that rate; batches are about 20 ms of records.
/// </summary>
public static class SimulationRun
{
    private const int MaxBatch = 10_000;

    public static async Task<RunSummary> RunAsync(
        TrafficSimulator simulator, IRecordSink sink, RunLimits limits, TimeProvider time, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var target = limits.Target;
        var batchSize = limits.Rate > 0 ? (int)Math.Clamp(limits.Rate / 50, 1, MaxBatch) : MaxBatch;
        var started = time.GetTimestamp();
        var stopped = false;
        var first = (simulator.Emitted, simulator.Duplicates, simulator.Malformed);
        try
        {
            while (simulator.Emitted - first.Emitted < target)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = (int)Math.Min(batchSize, target - (simulator.Emitted - first.Emitted));
                for (var i = 0; i < batch; i++)
                {
                    simulator.Next();
                    sink.Write(simulator.Record, simulator.Key);
                }

                await sink.EndBatchAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report(simulator.Emitted - first.Emitted);

                var elapsed = time.GetElapsedTime(started);
                if (limits.Duration is { } duration && elapsed >= duration)
                    break;
                if (limits.Rate > 0)
                {
                    var ahead = TimeSpan.FromSeconds((simulator.Emitted - first.Emitted) / limits.Rate) - elapsed;
                    if (ahead > TimeSpan.Zero)
                        await Task.Delay(ahead, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopped = true;
        }

        // What was written before a stop still reaches the file or the brokers.
        await sink.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return new RunSummary(
            simulator.Emitted - first.Emitted,
            simulator.Duplicates - first.Duplicates,
            simulator.Malformed - first.Malformed,
            time.GetElapsedTime(started),
            stopped);
    }
}
