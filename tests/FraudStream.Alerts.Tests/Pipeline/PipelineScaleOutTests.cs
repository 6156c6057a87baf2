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
    /// The callee stage reads a topic the caller stage's partitions write concurrently, so calls to one victim
    /// arrive in an order that depends on timing. Its ordered merge processes them in the caller partitions'
    /// event-time order instead, the same with one instance as with two: a call bombing's alert carries the same
    /// crossing record, a victim warning sees the subscriber's own call abroad before or after the call back
    /// the same way. Without the merge every call_bombing alert id of this test differed (3 of 3 runs).
    /// </remarks>
    [Test]
    public void One_instance_and_two_publish_the_same_callee_stage_alerts()
    {
        var one = Ids(_one, Stage.Callee);
        var two = Ids(_two, Stage.Callee);

        Assert.That(_one.Where(a => a.Kind == "call_bombing").Count(), Is.GreaterThanOrEqualTo(2), "call bombing compared");
        Assert.That(_one.Where(a => a.Kind == "victim_warning").Count(), Is.GreaterThan(10), "victim warnings compared");
        Assert.That(Describe(_one, one.Except(two)), Is.Empty, "alerted by one instance only");
        Assert.That(Describe(_two, two.Except(one)), Is.Empty, "alerted by two instances only");
    }

    [Test]
    public void The_callee_stage_merged_by_the_caller_partitions_watermarks()
    {
        Assert.That(_single.CalleeIngest.Control, Is.GreaterThan(0), "watermarks taken in");
        Assert.That(_pair.A.CalleeIngest.Control + _pair.B.CalleeIngest.Control, Is.GreaterThan(0));
        Assert.That(_single.CalleeIngest.Held + _pair.A.CalleeIngest.Held + _pair.B.CalleeIngest.Held, Is.Zero, "every record held was released once caught up");
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
            // The merge releases a source that has sent nothing for SourceIdle without it, so the order (and the
            // call_bombing crossing records) is the same only while no caller partition stalls longer than that.
            // At the default 500 ms a run on a loaded 2-core machine (a build and a training beside CI) differed in
            // two call_bombing alerts; the limit is the merge's (docs/guarantees.md), not the scale-out's this test is about.
            SourceIdle = TimeSpan.FromSeconds(5),
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
