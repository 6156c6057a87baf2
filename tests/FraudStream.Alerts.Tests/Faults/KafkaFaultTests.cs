using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Kafka;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// The fault matrix's broker-side scenarios (issue 7, items 1, 6-10) on the embedded cluster's fault injection:
/// one pipeline keeps running through each fault, and the ledger must account for every input record.
/// Duplicates are allowed only where the group may move partitions (at-least-once), within the uncommitted window.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class KafkaFaultTests
{
    [Test]
    public async Task Baseline_three_brokers_six_partitions_decides_every_record_once()
    {
        using var run = new FaultRun();

        var ledger = await run.RunAsync(static _ => Task.CompletedTask);

        ledger.AssertNothingLost("1 baseline").AssertDuplicatesAtMost(0, "1 baseline", "none without a fault");
        Assert.That(ledger.Decided, Is.EqualTo(ledger.Valid));
    }

    [Test]
    public async Task One_broker_down_then_up_loses_nothing()
    {
        using var run = new FaultRun();

        var ledger = await run.RunAsync(static async r =>
        {
            r.Harness.Cluster.SetBrokerDown(2);
            await Task.Delay(TimeSpan.FromSeconds(2));
            r.Harness.Cluster.SetBrokerUp(2);
        });

        ledger.AssertNothingLost("6a one broker down").AssertDuplicatesAtMost(run.UncommittedWindow, "6a one broker down", "the uncommitted window");
    }

    [Test]
    public async Task All_brokers_down_then_up_loses_nothing()
    {
        using var run = new FaultRun();

        var ledger = await run.RunAsync(static async r =>
        {
            for (var b = 1; b <= 3; b++)
                r.Harness.Cluster.SetBrokerDown(b);
            // Longer than the session timeout (6 s): the members lose their partitions and rejoin.
            await Task.Delay(TimeSpan.FromSeconds(8));
            for (var b = 1; b <= 3; b++)
                r.Harness.Cluster.SetBrokerUp(b);
        });

        ledger.AssertNothingLost("6b all brokers down").AssertDuplicatesAtMost(run.UncommittedWindow, "6b all brokers down", "the uncommitted window");
    }

    [Test]
    public async Task Partition_leaders_moving_during_the_run_lose_nothing()
    {
        using var run = new FaultRun();

        var ledger = await run.RunAsync(static async r =>
        {
            // Every partition of the input, internal and output topics to another broker, twice.
            foreach (var shift in new[] { 1, 2 })
            {
                foreach (var topic in new[] { r.Harness.Ingest.Topic, r.Harness.Alerts.CalleeTopic, r.Harness.Alerts.DecisionTopic, r.Harness.Alerts.Topic })
                {
                    for (var p = 0; p < Pipeline.PipelineHarness.Partitions; p++)
                        r.Harness.Cluster.SetPartitionLeader(topic, p, 1 + ((p + shift) % 3));
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        });

        ledger.AssertNothingLost("7 leader change").AssertDuplicatesAtMost(run.UncommittedWindow, "7 leader change", "the uncommitted window");
    }

    [Test]
    public async Task Group_coordinators_moving_during_the_run_lose_nothing()
    {
        using var run = new FaultRun();

        var ledger = await run.RunAsync(static async r =>
        {
            foreach (var broker in new[] { 2, 3 })
            {
                r.Harness.Cluster.SetCoordinator(CoordinatorType.Group, r.Harness.Kafka.GroupId, broker);
                r.Harness.Cluster.SetCoordinator(CoordinatorType.Group, ScoringPipeline.CalleeGroup(r.Harness.Kafka.GroupId), broker);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        });

        ledger.AssertNothingLost("8 coordinator move").AssertDuplicatesAtMost(run.UncommittedWindow, "8 coordinator move", "the uncommitted window");
    }

    [Test]
    public async Task Offset_commit_errors_and_timeouts_lose_nothing()
    {
        using var run = new FaultRun();

        var ledger = await run.RunAsync(static async r =>
        {
            r.Harness.Cluster.PushRequestErrors(KafkaApiKey.OffsetCommit,
                ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut, ErrorCode.GroupLoadInProgress,
                ErrorCode.NotCoordinatorForGroup, ErrorCode.RequestTimedOut, ErrorCode.GroupCoordinatorNotAvailable);
            await Task.Delay(TimeSpan.FromSeconds(2));
        });

        ledger.AssertNothingLost("9 OffsetCommit errors").AssertDuplicatesAtMost(run.UncommittedWindow, "9 OffsetCommit errors", "the uncommitted window");
    }

    [Test]
    public async Task Slow_broker_loses_nothing_and_evicts_no_member()
    {
        using var run = new FaultRun();
        var assignedThroughout = true;

        var ledger = await run.RunAsync(async r =>
        {
            r.Harness.Cluster.SetBrokerRtt(1, TimeSpan.FromMilliseconds(500));
            for (var i = 0; i < 30; i++)
            {
                // An evicted member would lose its partitions: the only instance must keep all six.
                assignedThroughout &= r.First.CallerIngest.AssignedPartitions == Pipeline.PipelineHarness.Partitions;
                await Task.Delay(100);
            }

            r.Harness.Cluster.SetBrokerRtt(1, TimeSpan.Zero);
        });

        ledger.AssertNothingLost("10 slow broker").AssertDuplicatesAtMost(0, "10 slow broker", "none: no member may be evicted");
        Assert.That(assignedThroughout, Is.True, "the instance kept its six partitions while broker 1 answered in 500 ms");
    }
}
