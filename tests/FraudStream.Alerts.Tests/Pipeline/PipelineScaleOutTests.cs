using System.Text.Json;
using FraudStream.Alerts.Pipeline;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// Scale-out: the same traffic scored by one instance (group "one") and by two instances sharing a group
/// ("two"), side by side on the same input topic, each group writing its own output topics. Per-number state
/// is partition-local and alert ids are deterministic, so both groups must publish the same set of alerts.
/// Auto labels are off: a label written by one group would change the other's decisions.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PipelineScaleOutTests
{
    private const long Records = 40_000;

    private PipelineHarness _harness = null!;
    private RunningPipelines _instances = null!;
    private RunSummary _sent;
    private ScoringPipeline _single = null!;
    private (ScoringPipeline A, ScoringPipeline B) _pair;
    private List<Alert> _one = null!;
    private List<Alert> _two = null!;

    [OneTimeSetUp]
    public async Task RunOneAndTwoInstancesOnTheSameTraffic()
    {
        _harness = new PipelineHarness(redis: false);
        _instances = new RunningPipelines(_harness);
        var one = Group("one");
        var two = Group("two");

        _single = await _instances.StartAsync(one.Kafka, one.Alerts);
        _pair = (await _instances.StartAsync(two.Kafka, two.Alerts), await _instances.StartAsync(two.Kafka, two.Alerts));
        // Both groups settled before the traffic starts, so that the comparison measures the scale-out, not a rebalance.
        await RunningPipelines.WaitForAssignmentAsync(_instances.All, p => p == _single ? PipelineHarness.Partitions : PipelineHarness.Partitions / 2, TimeSpan.FromSeconds(60));

        _sent = await _harness.ProduceAsync(new TrafficSimulator(PipelineHarness.Traffic(Records, seed: 9)), Records);
        await PipelineHarness.WaitCaughtUpAsync([_single], _sent.Records, TimeSpan.FromSeconds(120));
        await PipelineHarness.WaitCaughtUpAsync([_pair.A, _pair.B], _sent.Records, TimeSpan.FromSeconds(120));

        _one = Alerts(one.Alerts.Topic);
        _two = Alerts(two.Alerts.Topic);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_instances is not null)
            await _instances.DisposeAsync();
        _harness?.Dispose();
    }

    [Test]
    public void The_two_instances_shared_the_partitions_of_both_stages()
    {
        Assert.That(_pair.A.CallerIngest.Records, Is.GreaterThan(0));
        Assert.That(_pair.B.CallerIngest.Records, Is.GreaterThan(0));
        Assert.That(_pair.A.CalleeIngest.Records, Is.GreaterThan(0));
        Assert.That(_pair.B.CalleeIngest.Records, Is.GreaterThan(0));
        Assert.That(_pair.A.CallerIngest.Records + _pair.B.CallerIngest.Records, Is.EqualTo(_single.CallerIngest.Records));
    }

    [Test]
    public void One_instance_and_two_publish_the_same_caller_stage_alerts()
    {
        var one = Ids(_one, Stage.Caller);
        var two = Ids(_two, Stage.Caller);

        Assert.That(one, Has.Count.GreaterThan(100));
        Assert.That(_one.Where(a => a.Source.StartsWith(_harness.Ingest.Topic, StringComparison.Ordinal)).Select(a => a.Kind).Distinct().Count(), Is.GreaterThanOrEqualTo(5), "many kinds compared");
        Assert.That(Describe(_one, one.Except(two)), Is.Empty, "alerted by one instance only");
        Assert.That(Describe(_two, two.Except(one)), Is.Empty, "alerted by two instances only");
    }

    /// <remarks>
    /// The callee stage's per-call alerts here are victim warnings (no Redis, so no overseas policy). The rule
    /// stays quiet about a number the subscriber called: the copy of that call reaches the
    /// subscriber's callee partition from the subscriber's caller partition, the warned call from the caller's.
    /// When the two are minutes apart in event time they may arrive in either order, like a call bombing's calls
    /// (measured: 1 warning of the two-instance group differed in 1 of 2 CI runs). Live, a relative's call back
    /// comes long after the subscriber's call (<see cref="VictimWarningScaleOutTests"/>); here the simulated day
    /// passes in seconds. The two groups must still agree on all but a few.
    /// </remarks>
    [Test]
    public void One_instance_and_two_warn_nearly_the_same_victims()
    {
        var one = _one.Where(a => a.Kind == "victim_warning").Select(a => a.AlertId).ToHashSet();
        var two = _two.Where(a => a.Kind == "victim_warning").Select(a => a.AlertId).ToHashSet();

        Assert.That(one, Has.Count.GreaterThan(10));
        Assert.That(one.Except(two).Count() + two.Except(one).Count(), Is.LessThanOrEqualTo(Math.Max(2, one.Count / 10)),
            $"warnings of one group only: {string.Join(", ", Describe(_one, one.Except(two)).Concat(Describe(_two, two.Except(one))))}");
    }

    /// <remarks>
    /// A call bombing is an aggregate: its alert carries the record on which the victim's count of callers
    /// crossed the threshold. The callee stage reads a topic the caller stage's partitions write concurrently,
    /// so two calls to one victim from different caller partitions may arrive in either order (within the
    /// alignment's skew) — with one instance as with two, run to run; Kafka Streams' repartition topics behave
    /// the same. The same victims are protected, but the crossing record, and so the alert id, may differ,
    /// and so may the number of alerts when a crossing lands just inside or outside a suppression window
    /// (measured: every call_bombing alert id of this test differed between the groups in 3 of 3 runs, the
    /// victims never). An ordered merge by per-source-partition watermarks would make the ids equal too.
    /// </remarks>
    [Test]
    public void One_instance_and_two_protect_the_same_call_bombing_victims()
    {
        var one = _one.Where(a => a.Kind == "call_bombing").Select(a => a.Number).Distinct().Order().ToList();
        var two = _two.Where(a => a.Kind == "call_bombing").Select(a => a.Number).Distinct().Order().ToList();

        Assert.That(one, Is.Not.Empty);
        Assert.That(two, Is.EqualTo(one));
    }

    private HashSet<string> Ids(List<Alert> alerts, Stage stage)
        => [.. alerts.Where(a => a.Source.StartsWith(_harness.Ingest.Topic, StringComparison.Ordinal) == (stage == Stage.Caller)).Select(a => a.AlertId)];

    private static List<string> Describe(List<Alert> alerts, IEnumerable<string> ids)
    {
        var wanted = ids.ToHashSet();
        return [.. alerts.Where(a => wanted.Contains(a.AlertId)).Select(a => $"{a.Kind} {a.AlertId} from {a.Source}")];
    }

    private Options Group(string name)
    {
        var alerts = new AlertsOptions
        {
            Topic = $"alerts-{name}",
            CalleeTopic = $"by-callee-{name}",
            PublishDecisions = false,
        };
        _harness.Cluster.CreateTopic(alerts.Topic, PipelineHarness.Partitions);
        _harness.Cluster.CreateTopic(alerts.CalleeTopic, PipelineHarness.Partitions);
        return new Options(_harness.Kafka.WithGroup(name), alerts);
    }

    private List<Alert> Alerts(string topic)
        => [.. _harness.ReadAll(topic).Select(r =>
        {
            var a = JsonDocument.Parse(r.Message.Value).RootElement;
            var source = a.GetProperty("source");
            return new Alert(a.GetProperty("alertId").GetString()!, a.GetProperty("kind").GetString()!, a.GetProperty("number").GetString()!,
                $"{source.GetProperty("topic").GetString()}[{source.GetProperty("partition").GetInt32()}]@{source.GetProperty("offset").GetInt64()}");
        })];

    private sealed record Alert(string AlertId, string Kind, string Number, string Source);

    private sealed record Options(Ingest.Kafka.KafkaOptions Kafka, AlertsOptions Alerts);
}
