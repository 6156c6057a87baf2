using FraudStream.Alerts.AutoLabels;
using FraudStream.Alerts.Pipeline;
using FraudStream.Alerts.Tests.Pipeline;
using FraudStream.LoadTest.Faults;
using FraudStream.Scoring.Model;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// One scenario of the fault matrix in this process: a fresh embedded cluster (3 brokers, 6 partitions), one
/// pipeline publishing decisions, simulated traffic produced at a steady rate, a fault injected once the
/// pipeline is busy, then a wait until both stages have committed the end of their topics, and the ledger.
/// </summary>
internal sealed class FaultRun : IDisposable
{
    public const long Records = 10_000;
    public const double Rate = 5_000;

    private readonly List<(ScoringPipeline Pipeline, Task Running, CancellationTokenSource Stop)> _instances = [];
    private readonly List<AutoLabeler> _labelers = [];
    private DeliveryAudit? _audit;

    public FaultRun(bool redis = false)
    {
        Harness = new PipelineHarness(redis);
        // Small buffers keep the uncommitted window (what a restart or rebalance may process again) small and known.
        Harness.Ingest.MaxBatchSize = 200;
        Harness.Ingest.PartitionBufferSize = 500;
        Simulator = new TrafficSimulator(PipelineHarness.Traffic(Records, seed: 11));
    }

    public PipelineHarness Harness { get; }

    public TrafficSimulator Simulator { get; }

    public string Bootstrap => Harness.Kafka.BootstrapServers;

    /// <summary>The model instances score with instead of the shipped one (e.g. a broken one); not owned.</summary>
    public FraudModel? Model { get; init; }

    /// <summary>
    /// Whether instances are audited (the default): the ledger then tells the broker's losses from FraudStream's; without
    /// it every missing record is FraudStream's. Off where the live heap is measured: the audit grows with the records.
    /// </summary>
    public bool Audited { get; init; } = true;

    /// <summary>Every instance's delivery reports and released offsets; null when not <see cref="Audited"/>.</summary>
    public DeliveryAudit? Audit => Audited ? _audit ??= new DeliveryAudit(Harness.Ingest, Harness.Alerts) : null;

    /// <summary>Fault-test seam: the recordIds every instance's caller stage leaves un-re-keyed, storing their offsets all the same.</summary>
    public Func<string, bool>? SkipRekeying { get; init; }

    /// <summary>Whether instances run the closed loop (auto labels written to Redis); needs the run's Redis.</summary>
    public bool AutoLabel { get; init; }

    /// <summary>The closed loop of each instance started with <see cref="AutoLabel"/>.</summary>
    public IReadOnlyList<AutoLabeler> Labelers => _labelers;

    /// <summary>
    /// At-least-once, what one instance can process again after it stops without committing (a crash, a lost
    /// partition): what its partition buffers and two batches (one in flight, one being scored) hold plus one auto-commit interval (1 s) of traffic.
    /// </summary>
    public long UncommittedWindow => PipelineHarness.Partitions * (Harness.Ingest.PartitionBufferSize + (2 * Harness.Ingest.MaxBatchSize)) + (long)Rate;

    public ScoringPipeline First => _instances[0].Pipeline;

    /// <summary>Starts one more instance of the pipeline in the test's consumer group.</summary>
    public async Task<ScoringPipeline> StartInstanceAsync()
    {
        var services = await Harness.ServicesAsync();
        if (Model is not null)
            services = services with { Model = Model };
        AutoLabeler? labeler = null;
        if (AutoLabel)
        {
            labeler = new AutoLabeler(Harness.Labels, services.Blocklist, new AutoLabelOptions());
            _labelers.Add(labeler);
        }

        var pipeline = new ScoringPipeline(Harness.Kafka, Harness.Ingest, Harness.Alerts, services, labeler, audit: Audit);
        pipeline.CallerHandler.SkipRekeying = SkipRekeying;
        var stop = new CancellationTokenSource();
        _instances.Add((pipeline, pipeline.RunAsync(stop.Token), stop));
        return pipeline;
    }

    /// <summary>Stops an instance gracefully and returns how its run ended (null = cleanly).</summary>
    public async Task<Exception?> StopInstanceAsync(ScoringPipeline pipeline)
    {
        var (_, running, stop) = _instances.First(i => i.Pipeline == pipeline);
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(60));
            return null;
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            return e;
        }
    }

    /// <summary>The run of an instance, to observe it stopping by itself.</summary>
    public Task Running(ScoringPipeline pipeline) => _instances.First(i => i.Pipeline == pipeline).Running;

    /// <summary>Produces <paramref name="records"/> records of the scenario's traffic at <see cref="Rate"/> (0: at once, a backlog).</summary>
    public Task<RunSummary> ProduceAsync(long records = Records, double rate = Rate) => Harness.ProduceAsync(Simulator, records, rate);

    /// <summary>
    /// Waits until both stages of <paramref name="pipeline"/> own all partitions (the embedded cluster forms a new
    /// group after 3 s), so the traffic, and the fault, come while the pipeline is consuming.
    /// </summary>
    public static async Task WhenAssignedAsync(ScoringPipeline pipeline)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (pipeline.CallerIngest.AssignedPartitions < PipelineHarness.Partitions || pipeline.CalleeIngest.AssignedPartitions < PipelineHarness.Partitions)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the pipeline was not assigned its partitions within 60 s: caller {pipeline.CallerIngest.AssignedPartitions}, callee {pipeline.CalleeIngest.AssignedPartitions}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the caller stage has consumed <paramref name="records"/>, so a fault lands mid-stream.</summary>
    public async Task WhenConsumedAsync(long records)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_instances.Sum(i => i.Pipeline.CallerIngest.Records) < records)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the pipeline consumed only {_instances.Sum(i => i.Pipeline.CallerIngest.Records)} of {records} records within 60 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until both stages' groups have committed the end of their topics.</summary>
    public async Task WaitCommittedAsync(TimeSpan timeout)
    {
        var caller = Harness.Kafka.GroupId;
        var callee = ScoringPipeline.CalleeGroup(caller);
        var deadline = DateTime.UtcNow + timeout;
        long behindCaller = -1, behindCallee = -1;
        while (DateTime.UtcNow < deadline)
        {
            behindCaller = TopicReader.Uncommitted(Bootstrap, Harness.Ingest.Topic, caller);
            behindCallee = TopicReader.Uncommitted(Bootstrap, Harness.Alerts.CalleeTopic, callee);
            if (behindCaller == 0 && behindCallee == 0)
                return;
            await Task.Delay(500);
        }

        var instances = string.Join("; ", _instances.Select(i =>
            $"caller consumed {i.Pipeline.CallerIngest.Records} in {i.Pipeline.CallerIngest.Batches} batches, {i.Pipeline.CallerIngest.AssignedPartitions} partitions, lag {i.Pipeline.CallerIngest.TotalLag}, paused {i.Pipeline.CallerIngest.Pauses}; "
            + $"callee consumed {i.Pipeline.CalleeIngest.Records}, {i.Pipeline.CalleeIngest.AssignedPartitions} partitions; running {!i.Running.IsCompleted}"));
        Assert.Fail($"not caught up within {timeout}: caller stage {behindCaller} records uncommitted, callee stage {behindCallee}; {instances}");
    }

    /// <summary>Stops every instance still running, then reads the CDR, decision, dead-letter and re-keyed topics back and attributes what is missing.</summary>
    public async Task<DeliveryLedger> LedgerAsync()
    {
        foreach (var (pipeline, running, _) in _instances.ToList())
        {
            if (!running.IsCompleted)
                Assert.That(await StopInstanceAsync(pipeline), Is.Null, "a graceful stop ends cleanly");
        }

        var withoutOffset = _instances.Sum(static i => i.Pipeline.AcknowledgedWithoutOffset);
        if (withoutOffset > 0)
            TestContext.Progress.WriteLine($"[fault matrix] {withoutOffset} outputs reported delivered without an offset (fraudstream.kafka.acknowledged_without_offset)");
        return DeliveryLedger.Read(Bootstrap, Harness.Ingest, Harness.Alerts, Audit?.Evidence);
    }

    /// <summary>
    /// The common shape: start one instance, produce, inject <paramref name="fault"/> once a quarter of the
    /// records is consumed (it returns once the fault is healed), wait until everything is committed, ledger.
    /// </summary>
    public async Task<DeliveryLedger> RunAsync(Func<FaultRun, Task> fault)
    {
        var first = await StartInstanceAsync();
        await WhenAssignedAsync(first);
        var produced = ProduceAsync();
        await WhenConsumedAsync(Records / 4);
        await fault(this);
        await produced.WaitAsync(TimeSpan.FromSeconds(120));
        await WaitCommittedAsync(TimeSpan.FromSeconds(60));
        return await LedgerAsync();
    }

    public void Dispose()
    {
        foreach (var (pipeline, running, stop) in _instances)
        {
            stop.Cancel();
            try
            {
                running.Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // Reported by the test that caused it.
            }

            pipeline.Dispose();
            stop.Dispose();
        }

        foreach (var labeler in _labelers)
            labeler.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));

        Harness.Dispose();
    }
}
