using FraudStream.Alerts.AutoLabels;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest;
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
    private readonly List<AutoLabeler> _labelers = [];
    private readonly CancellationTokenSource _stop = new();

    public IReadOnlyList<ScoringPipeline> All => _pipelines;

    /// <param name="ingest">The CDR topic and its options; the harness's when null.</param>
    /// <param name="autoLabels">Close the loop: an auto labeler of the instance's own, writing to the harness's Redis.</param>
    public async Task<ScoringPipeline> StartAsync(KafkaOptions kafka, AlertsOptions alerts, IngestOptions? ingest = null, bool autoLabels = false)
    {
        var services = await harness.ServicesAsync();
        AutoLabeler? labeler = null;
        if (autoLabels)
        {
            labeler = new AutoLabeler(harness.Labels, services.Blocklist, alerts.AutoLabel);
            _labelers.Add(labeler);
        }

        var pipeline = new ScoringPipeline(kafka, ingest ?? harness.Ingest, alerts, services, labeler);
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
        // Writes what is still queued, so the next run finds every label in Redis.
        foreach (var labeler in _labelers)
            await labeler.DisposeAsync();
        _stop.Dispose();
    }
}
