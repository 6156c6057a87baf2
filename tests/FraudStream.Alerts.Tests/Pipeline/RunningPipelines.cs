using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// Pipeline instances started on one harness, each with its own scoring services as a separate process would
/// have, and stopped together: what the scale-out tests share.
/// </summary>
internal sealed class RunningPipelines(PipelineHarness harness) : IAsyncDisposable
{
    private readonly List<ScoringPipeline> _pipelines = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();

    public IReadOnlyList<ScoringPipeline> All => _pipelines;

    public async Task<ScoringPipeline> StartAsync(KafkaOptions kafka, AlertsOptions alerts)
    {
        var pipeline = new ScoringPipeline(kafka, harness.Ingest, alerts, await harness.ServicesAsync());
        _pipelines.Add(pipeline);
        _running.Add(pipeline.RunAsync(_stop.Token));
        return pipeline;
    }

    /// <summary>
    /// Waits until every instance owns <paramref name="share"/>(instance) partitions of both stages: a partition
    /// that moved mid-run would start its new owner with empty windows, and a test would measure the rebalance.
    /// </summary>
    public static async Task WaitForAssignmentAsync(IReadOnlyList<ScoringPipeline> pipelines, Func<ScoringPipeline, int> share, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (pipelines.All(p => p.CallerIngest.AssignedPartitions == share(p) && p.CalleeIngest.AssignedPartitions == share(p)))
                return;
            await Task.Delay(200);
        }

        Assert.Fail("instances did not settle on their partitions (caller/callee stage): "
            + string.Join(", ", pipelines.Select(p => $"{p.CallerIngest.AssignedPartitions}/{p.CalleeIngest.AssignedPartitions} of {share(p)}")));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var pipeline in _pipelines)
            pipeline.Dispose();
        _stop.Dispose();
    }
}
