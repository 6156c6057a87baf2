using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Faults;

/// <summary>
/// The scenarios of <c>fraudstream bench --faults</c>: the test suite's fault matrix (tests/FraudStream.Alerts.Tests/Faults)
/// at a larger scale, each injected while traffic flows through one pipeline on a fresh embedded cluster. Items 2-5,
/// 10, 11b, 15 and 16 are in the partial files by concern (Processes, Members, Outputs, Scoring); 12 (exactly-once)
/// is not here: the embedded broker has no transaction semantics to fault.
/// </summary>
internal static partial class FaultScenarios
{
    public static IReadOnlyList<FaultScenario> All { get; } =
    [
        new("baseline", "1", "no fault", static _ => Task.CompletedTask, DuplicateBound.None),
        Sigkill(),
        Sigterm(),
        JoinLeave(),
        PartitionsLost(),
        new("one-broker-down", "6a", "broker 2 down 2 s, then up", static async c =>
        {
            c.Cluster.SetBrokerDown(2);
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            c.Cluster.SetBrokerUp(2);
        }, DuplicateBound.UncommittedWindow),
        new("all-brokers-down", "6b", "all 3 brokers down 8 s (beyond the 6 s session timeout), then up", static async c =>
        {
            for (var b = 1; b <= 3; b++)
                c.Cluster.SetBrokerDown(b);
            await Task.Delay(TimeSpan.FromSeconds(8)).ConfigureAwait(false);
            for (var b = 1; b <= 3; b++)
                c.Cluster.SetBrokerUp(b);
        }, DuplicateBound.UncommittedWindow),
        new("leader-change", "7", "every partition of every topic to another leader, twice, 1 s apart", MoveLeadersAsync, DuplicateBound.UncommittedWindow),
        new("coordinator-move", "8", "both groups' coordinator to broker 2, then 3, 2 s apart", static async c =>
        {
            foreach (var broker in new[] { 2, 3 })
            {
                c.Cluster.SetCoordinator(CoordinatorType.Group, c.Kafka.GroupId, broker);
                c.Cluster.SetCoordinator(CoordinatorType.Group, ScoringPipeline.CalleeGroup(c.Kafka.GroupId), broker);
                await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
        }, DuplicateBound.UncommittedWindow),
        new("offset-commit-errors", "9", "6 OffsetCommit requests fail (timeouts, coordinator moving or loading)", static async c =>
        {
            c.Cluster.PushRequestErrors(KafkaApiKey.OffsetCommit,
                ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut, ErrorCode.GroupLoadInProgress,
                ErrorCode.NotCoordinatorForGroup, ErrorCode.RequestTimedOut, ErrorCode.GroupCoordinatorNotAvailable);
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }, DuplicateBound.UncommittedWindow),
        SlowBroker(),
        new("produce-errors", "11a", "6 Produce requests fail with retriable errors (NOT_ENOUGH_REPLICAS, timeouts, leader not available)", static async c =>
        {
            c.Cluster.PushRequestErrors(KafkaApiKey.Produce,
                ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicasAfterAppend,
                ErrorCode.RequestTimedOut, ErrorCode.LeaderNotAvailable, ErrorCode.NotEnoughReplicas);
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }, DuplicateBound.None),
        ProduceRejected(),
        new("poison-pills", "13", "67 undecodable records (garbage, 10 KB and 500 KB values, 2,000-deep JSON, Latin-1, UTF-16, empty, truncated)", static c => c.ProducePillsAsync(), DuplicateBound.None),
        new("redis-killed", "14", "the private redis-server killed, restarted 2 s later", static async c =>
        {
            c.Redis.Kill();
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            c.Redis.Restart();
        }, DuplicateBound.UncommittedWindow),
        RedisSlow(),
        NaNModel(),
        new("overload", "limits", "every record produced at once, several times faster than the pipeline drains; heap and lag sampled", static _ => Task.CompletedTask, DuplicateBound.None) { Overload = true, Setup = FaultSetup.Unaudited },
    ];

    public static FaultScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static async Task MoveLeadersAsync(FaultCluster c)
    {
        foreach (var shift in new[] { 1, 2 })
        {
            foreach (var topic in new[] { c.Ingest.Topic, c.Alerts.CalleeTopic, c.Alerts.DecisionTopic, c.Alerts.Topic })
            {
                for (var p = 0; p < c.Partitions; p++)
                    c.Cluster.SetPartitionLeader(topic, p, 1 + ((p + shift) % 3));
            }

            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }
}
