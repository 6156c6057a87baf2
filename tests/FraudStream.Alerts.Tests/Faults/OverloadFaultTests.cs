using FraudStream.LoadTest.Faults;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// Issue 7, "sustained overload", scaled for CI: the producer outruns the pipeline for about 8 s (80,000 records,
/// 10,000 a second). Every broker answers in 100 ms meanwhile, and a partition has at most one batch's outputs in
/// flight while it scores the next, so each stage falls behind while the producer, which pipelines its batches, keeps
/// its rate. The partition buffers are small (250 records) so that the lag is many times what they hold: with 500, since
/// partitions overlap their batches, the lag (31,052 records in one CI run) no longer cleared four times the buffers
/// (33,600) in every run. Then the brokers are quick again (the load drops) and the pipeline
/// catches up. The live heap must stay within what the buffers can hold, the lag must be reported on /metrics and
/// grow, then return to 0, and the ledger must account for every record.
/// </summary>
/// <remarks>
/// <c>Ingest:MaxEventTimeSkew</c> is 1 h here: the simulated 5,000 subscribers pack 5 min of event time into about
/// 250 records, so at the default 5 min the caller stage's partitions catch up in lock-step slices of ~40 records
/// and drain a backlog at ~1,100 records/s (measured), too slow for CI. Carriers' traffic is far denser in time.
/// </remarks>
[TestFixture]
[NonParallelizable]
public sealed class OverloadFaultTests
{
    private const long OverloadRecords = 80_000;
    private const double OverloadRate = 10_000;
    private static readonly TimeSpan s_slowBroker = TimeSpan.FromMilliseconds(100);

    // A burst a second at full speed rather than paced record by record: the embedded broker returns at most one
    // produced batch per partition per fetch, so a producer sending tiny batches would throttle every consumer.
    private static async Task ProduceInBurstsAsync(FaultRun run)
    {
        var burst = (long)OverloadRate;
        for (long sent = 0; sent < OverloadRecords; sent += burst)
        {
            var next = Task.Delay(TimeSpan.FromSeconds(1));
            await run.ProduceAsync(Math.Min(burst, OverloadRecords - sent), rate: 0);
            await next;
        }
    }

    [Test]
    public async Task Sustained_overload_keeps_the_heap_bounded_reports_growing_lag_and_loses_nothing()
    {
        // Not audited: the bound is what the pipeline may hold, and the audit's evidence grows with the records.
        using var run = new FaultRun { Audited = false };
        var ingest = run.Harness.Ingest;
        ingest.MaxBatchSize = 100;
        ingest.PartitionBufferSize = 250;
        ingest.DedupMaxEntries = 5_000;
        ingest.MaxEventTimeSkew = TimeSpan.FromHours(1);
        var pipeline = await run.StartInstanceAsync();
        await FaultRun.WhenAssignedAsync(pipeline);
        await run.ProduceAsync(2_000, rate: 0);
        await run.WaitCommittedAsync(TimeSpan.FromSeconds(60));

        using var probe = OverloadProbe.Start(TimeSpan.FromMilliseconds(500));
        var bound = probe.BaselineHeapBytes + OverloadBound.HeapGrowthBytes(ingest, Pipeline.PipelineHarness.Partitions, OverloadRecords, Pipeline.PipelineHarness.Traffic(0).Population);
        for (var b = 1; b <= 3; b++)
            run.Harness.Cluster.SetBrokerRtt(b, s_slowBroker);
        await ProduceInBurstsAsync(run);
        var overload = probe.Samples;
        var peak = probe.Sample();
        for (var b = 1; b <= 3; b++)
            run.Harness.Cluster.SetBrokerRtt(b, TimeSpan.Zero);

        await run.WaitCommittedAsync(TimeSpan.FromSeconds(60));
        var after = probe.Sample();
        for (var i = 0; i < 20 && after.CallerLag + after.CalleeLag > 0; i++)
        {
            // The lag is refreshed about once a second from what the fetches report.
            await Task.Delay(500);
            after = probe.Sample();
        }

        var dropped = new[] { ingest.Topic, run.Harness.Alerts.DecisionTopic, run.Harness.Alerts.CalleeTopic, ingest.DeadLetterTopic }
            .Sum(t => TopicReader.Dropped(run.Bootstrap, t));
        var ledger = await run.LedgerAsync();

        var maxHeap = overload.Append(peak).Max(s => s.HeapBytes);
        var maxLag = overload.Append(peak).Max(s => s.CallerLag);
        TestContext.Progress.WriteLine(
            $"[fault matrix] overload: {overload.Count} samples over the overload; live heap baseline {probe.BaselineHeapBytes >> 20} MiB, max {maxHeap >> 20} MiB, bound {bound >> 20} MiB; "
            + $"working set max {overload.Append(peak).Max(s => s.WorkingSetBytes) >> 20} MiB; caller lag first {overload.FirstOrDefault().CallerLag}, max {maxLag}, at the end of the overload {peak.CallerLag}, after {after.CallerLag}; "
            + $"callee lag max {overload.Append(peak).Max(s => s.CalleeLag)}; pauses {pipeline.CallerIngest.Pauses}");
        ledger.AssertNothingLost("overload").AssertDuplicatesAtMost(0, "overload", "none: one instance, no rebalance");
        Assert.Multiple(() =>
        {
            Assert.That(dropped, Is.Zero, "the embedded broker dropped nothing (5 MiB per partition): the ledger saw every record");
            Assert.That(overload, Has.Count.GreaterThanOrEqualTo(10), "the overload was sampled throughout");
            Assert.That(maxHeap, Is.LessThanOrEqualTo(bound), "the live heap stays within what the partition buffers, batches and de-duplicator can hold");
            Assert.That(maxLag, Is.GreaterThan(OverloadRecords / 4), "the producer outran the pipeline: the reported caller-stage lag grew well beyond the buffers");
            Assert.That(maxLag, Is.GreaterThan(OverloadBound.BufferedRecords(ingest, Pipeline.PipelineHarness.Partitions) * 4),
                "the lag is many times what the buffers hold, so a queue growing with it would break the heap bound");
            Assert.That(peak.CallerLag, Is.GreaterThan(overload[1].CallerLag), "the lag grew while the overload lasted");
            Assert.That(after.CallerLag + after.CalleeLag, Is.Zero, "the reported lag of both stages returns to 0 once the load drops");
            Assert.That(pipeline.CallerIngest.Pauses, Is.GreaterThan(0), "full partition buffers paused fetching (back-pressure), instead of growing");
        });
    }
}
