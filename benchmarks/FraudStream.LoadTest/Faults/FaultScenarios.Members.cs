using System.Diagnostics;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Faults;

// Items 4, 5 and 10: the consumer group's membership changing, or being pushed to change, under traffic.
internal static partial class FaultScenarios
{
    private static FaultScenario JoinLeave() => new("join-leave", "4",
        "a second pipeline instance (in this process, same groups, shared scoring services) joins, runs 5 s, leaves gracefully: cooperative rebalances both ways",
        JoinLeaveAsync, DuplicateBound.UncommittedWindow);

    private static FaultScenario PartitionsLost() => new("partitions-lost", "5",
        "two heartbeats answered UNKNOWN_MEMBER_ID and ILLEGAL_GENERATION (an expelled or fenced member): partitions lost, not revoked, then rejoined",
        PartitionsLostAsync, DuplicateBound.UncommittedWindow);

    private static FaultScenario SlowBroker() => new("slow-broker", "10",
        "broker 1 answers every request 500 ms late for 10 s; the instance must keep all its partitions (no eviction)",
        SlowBrokerAsync, DuplicateBound.None);

    private static async Task JoinLeaveAsync(FaultCluster c)
    {
        var clock = Stopwatch.StartNew();
        var second = c.StartInstance();
        var joined = await FaultCluster.EventuallyAsync(() => second.CallerIngest.AssignedPartitions > 0 && second.CalleeIngest.AssignedPartitions > 0, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var (caller, callee) = (second.CallerIngest.AssignedPartitions, second.CalleeIngest.AssignedPartitions);
        c.Notes.Observe($"the second instance took {caller} of {c.Partitions} caller and {callee} callee partitions {clock.Elapsed.TotalSeconds:F1} s after starting");
        c.Notes.Expect(joined && caller < c.Partitions, "the second instance takes some, not all, of the partitions");
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);

        await c.StopInstanceAsync(second).ConfigureAwait(false);
        clock.Restart();
        var first = c.Pipeline;
        var back = await FaultCluster.EventuallyAsync(() => first.CallerIngest.AssignedPartitions == c.Partitions && first.CalleeIngest.AssignedPartitions == c.Partitions, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        c.Notes.Observe($"it consumed {second.CallerIngest.Records:N0} records, left; the first owned all partitions again {clock.Elapsed.TotalSeconds:F1} s later");
        c.Notes.Expect(back, "the first instance owns every partition again within 60 s of the second leaving");
    }

    private static async Task PartitionsLostAsync(FaultCluster c)
    {
        var clock = Stopwatch.StartNew();
        var first = c.Pipeline;
        // Both stages heartbeat to the coordinators: the next two heartbeats, whoever sends them, are refused.
        c.Cluster.PushRequestErrors(KafkaApiKey.Heartbeat, ErrorCode.UnknownMemberId, ErrorCode.IllegalGeneration);
        await FaultCluster.EventuallyAsync(() => Lost(c) > 0, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        var lostAt = clock.Elapsed;
        var rejoined = await FaultCluster.EventuallyAsync(() => first.CallerIngest.AssignedPartitions == c.Partitions && first.CalleeIngest.AssignedPartitions == c.Partitions, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        c.Notes.Observe($"{Lost(c)} partitions lost (caller {first.CallerIngest.PartitionsLost}, callee {first.CalleeIngest.PartitionsLost}) {lostAt.TotalSeconds:F1} s after the refused heartbeats, all reassigned at {clock.Elapsed.TotalSeconds:F1} s");
        c.Notes.Expect(Lost(c) > 0, "the refused heartbeats cost the member its partitions (the lost handler ran)");
        c.Notes.Expect(rejoined, "the member rejoined and owned every partition again within 60 s");
    }

    private static async Task SlowBrokerAsync(FaultCluster c)
    {
        var first = c.Pipeline;
        var (lostBefore, consumedBefore) = (Lost(c), c.Consumed);
        var (samples, short_) = (0, 0);
        c.Cluster.SetBrokerRtt(1, TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            samples++;
            if (first.CallerIngest.AssignedPartitions < c.Partitions || first.CalleeIngest.AssignedPartitions < c.Partitions)
                short_++;
            await Task.Delay(100).ConfigureAwait(false);
        }

        c.Cluster.SetBrokerRtt(1, TimeSpan.Zero);
        var lost = Lost(c) - lostBefore;
        c.Notes.Observe($"{c.Consumed - consumedBefore:N0} records consumed in the 10 s; the instance owned fewer than all partitions in {short_} of {samples} samples; {lost} partitions lost (evictions)");
        c.Notes.Expect(short_ == 0 && lost == 0, "no eviction: the instance keeps every partition while broker 1 is slow");
    }

    private static long Lost(FaultCluster c) => c.Pipeline.CallerIngest.PartitionsLost + c.Pipeline.CalleeIngest.PartitionsLost;
}
