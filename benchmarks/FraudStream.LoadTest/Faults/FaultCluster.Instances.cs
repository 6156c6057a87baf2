using FraudStream.Alerts.Pipeline;
using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Faults;

internal sealed partial class FaultCluster
{
    private readonly List<Instance> _instances = [];

    /// <summary>Starts one more pipeline in the scenario's consumer groups, sharing this process's scoring services.</summary>
    public ScoringPipeline StartInstance()
    {
        var pipeline = new ScoringPipeline(Kafka, Ingest, Alerts, _services!, _runtime!.AutoLabeler, _loggers, audit: Audit);
        var stop = new CancellationTokenSource();
        _instances.Add(new Instance(pipeline, pipeline.RunAsync(stop.Token), stop));
        return pipeline;
    }

    /// <summary>Stops <paramref name="pipeline"/> gracefully (it leaves the groups, committing what it processed).</summary>
    public async Task StopInstanceAsync(ScoringPipeline pipeline)
    {
        var instance = Find(pipeline);
        instance.Retired = true;
        await instance.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await instance.Running.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new BenchFailedException("a pipeline failed while stopping: " + e.GetBaseException().Message);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for <paramref name="pipeline"/> to stop by itself (as on an output it cannot
    /// deliver), and returns why it stopped, or null if it still runs. A stopped instance no longer fails the scenario;
    /// it is disposed as <c>fraudstream run</c> would on its way out (its producer flushed what it had queued), so
    /// that nothing it processed reaches Kafka after the caller looks.
    /// </summary>
    public async Task<string?> WhenStoppedByItselfAsync(ScoringPipeline pipeline, TimeSpan timeout)
    {
        var instance = Find(pipeline);
        var running = instance.Running;
        if (await Task.WhenAny(running, Task.Delay(timeout)).ConfigureAwait(false) != running)
            return null;
        instance.Retired = true;
        instance.Dispose();
        return running.Exception?.GetBaseException().Message ?? "stopped without an error";
    }

    /// <summary>Records the caller stage of every instance consumed (of the child processes: decided).</summary>
    public long Consumed => _instances.Count == 0 && _children.Count > 0 ? ConsumedByChildren() : _instances.Sum(static i => i.Pipeline.CallerIngest.Records);

    /// <summary>Every pipeline started, in order (stopped ones included), for their statistics.</summary>
    public IEnumerable<ScoringPipeline> Pipelines => _instances.Select(static i => i.Pipeline);

    /// <summary>Stops every instance still running; fails naming the first that ended with an error.</summary>
    private async Task StopAllAsync()
    {
        string? failure = null;
        foreach (var instance in _instances)
        {
            if (instance.Retired)
                continue;
            instance.Retired = true;
            await instance.Stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await instance.Running.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                failure ??= "the pipeline failed: " + e.GetBaseException().Message;
            }
        }

        failure ??= await TerminateChildrenAsync().ConfigureAwait(false);
        if (failure is not null)
            throw new BenchFailedException(failure);
    }

    private void ThrowIfStopped()
    {
        ThrowIfChildStopped();
        foreach (var instance in _instances)
        {
            if (!instance.Retired && instance.Running.IsCompleted)
                throw new BenchFailedException("the pipeline stopped: " + (instance.Running.Exception?.GetBaseException().Message ?? "without an error"));
        }
    }

    private Instance Find(ScoringPipeline pipeline) => _instances.First(i => i.Pipeline == pipeline);

    private sealed class Instance(ScoringPipeline pipeline, Task running, CancellationTokenSource stop) : IDisposable
    {
        public ScoringPipeline Pipeline { get; } = pipeline;

        public Task Running { get; } = running;

        public CancellationTokenSource Stop { get; } = stop;

        /// <summary>Stopped on purpose or by itself: its end is not the scenario's failure.</summary>
        public bool Retired { get; set; }

        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            Pipeline.Dispose();
            Stop.Dispose();
        }
    }
}
