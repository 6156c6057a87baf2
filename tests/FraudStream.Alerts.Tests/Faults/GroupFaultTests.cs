using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Faults;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// Issue 7, item 5: partitions lost rather than revoked. The group coordinator answers heartbeats with
/// UNKNOWN_MEMBER_ID and ILLEGAL_GENERATION, as it does to a member it expelled (session timeout) or that an
/// older generation fenced: the member must drop its unfinished batches unstored, rejoin, and the records those
/// batches held must be processed again by whoever owns the partitions next.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GroupFaultTests
{
    [Test]
    public async Task Heartbeats_answered_unknown_member_or_illegal_generation_lose_the_partitions_but_no_record()
    {
        using var run = new FaultRun();
        long lost = 0;
        var rejoined = TimeSpan.Zero;

        var ledger = await run.RunAsync(async r =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Both stages' members heartbeat to the coordinators: the next two heartbeats, whoever sends them, are
            // refused, so each stage loses its partitions once (or one stage twice).
            r.Harness.Cluster.PushRequestErrors(KafkaApiKey.Heartbeat, ErrorCode.UnknownMemberId, ErrorCode.IllegalGeneration);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Lost(r) == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            lost = Lost(r);
            await FaultRun.WhenAssignedAsync(r.First);
            rejoined = clock.Elapsed;
        });

        TestContext.Progress.WriteLine($"[fault matrix] 5 partitions lost: {lost} partitions lost (caller {run.First.CallerIngest.PartitionsLost}, callee {run.First.CalleeIngest.PartitionsLost}), "
            + $"all six reassigned to both stages {rejoined.TotalSeconds:0.0} s after the first refused heartbeat");
        Assert.That(lost, Is.GreaterThan(0), "the refused heartbeats cost the member its partitions (the lost handler ran)");
        ledger.AssertNothingLost("5 partitions lost").AssertDuplicatesAtMost(run.UncommittedWindow, "5 partitions lost", "the uncommitted window");
    }

    private static long Lost(FaultRun run) => run.First.CallerIngest.PartitionsLost + run.First.CalleeIngest.PartitionsLost;
}
