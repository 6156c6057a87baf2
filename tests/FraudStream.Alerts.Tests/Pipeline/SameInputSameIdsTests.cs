using System.Text.Json;
using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Scoring.Blocklist;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// Same input, same alert ids, with the closed loop on: a backlog of simulated traffic is in the CDR topic before
/// any pipeline starts, and three runs score it against one Redis — a first run, a replay (a new group, with every
/// auto label of the first run already in Redis, as after a crash), and two instances sharing a group. A number a
/// partition detects is blocked from its next record there whenever the replica catches up, and a label read back
/// from Redis acts only after the event time its detecting partition had reached, so all three publish the same
/// alerts, <c>blocklisted</c> ones raised by auto labels included.
/// </summary>
/// <remarks>
/// Suspects the callee stage names (call-bombing pool members) are not labelled here
/// (<see cref="AutoLabelOptions.CalleeStage"/> off): their labels reach the caller stage through Redis alone, and
/// which of their calls meets the label first depends on timing (docs/guarantees.md). <c>call_bombing</c> alerts are
/// not compared: they count calls from many caller partitions at the victim's callee partition, in the order the
/// ordered merge releases them, and on this backlog on a busy 2-core machine one borderline victim was alerted in
/// one run and not another in 2 of 3 runs of this test (2026-12-07) — the merge releasing past a lagging caller
/// partition (docs/guarantees.md, "what does not hold"), not the closed loop this test is about. Every other kind,
/// blocklisted alerts raised by auto labels included, must be identical.
/// </remarks>
[TestFixture]
[NonParallelizable]
public sealed class SameInputSameIdsTests
{
    private const long Records = 40_000;

    // The one kind whose decisions depend on the callee stage's merge order across caller partitions (see remarks).
    private const string MergeOrdered = "call_bombing";
    private static readonly TimeSpan s_catchUp = TimeSpan.FromSeconds(180);

    private PipelineHarness _harness = null!;
    private List<Alert> _first = null!;
    private List<Alert> _replay = null!;
    private List<Alert> _two = null!;
    private (ScoringPipeline A, ScoringPipeline B) _pair;
    private long _labelsAfterFirst;

    [OneTimeSetUp]
    public async Task ScoreOneBacklogThreeTimes()
    {
        _harness = new PipelineHarness();
        var sent = await _harness.ProduceAsync(new TrafficSimulator(PipelineHarness.Traffic(Records, seed: 13)), Records, rate: 0);

        _first = await RunAsync("first", sent.Records);
        _labelsAfterFirst = (await _harness.Labels.ListAsync(limit: 100_000)).Count(l => l.Source == LabelSource.Auto);
        _replay = await RunAsync("replay", sent.Records);
        _two = await RunTwoAsync("two", sent.Records);
    }

    [OneTimeTearDown]
    public void Stop() => _harness?.Dispose();

    [Test]
    public void The_closed_loop_labelled_numbers_and_blocked_their_later_calls()
    {
        Assert.That(_labelsAfterFirst, Is.GreaterThan(0), "auto labels written to Redis");
        var labels = _harness.Labels.ListAsync(limit: 100_000).GetAwaiter().GetResult().Where(l => l.Source == LabelSource.Auto).ToList();
        Assert.That(labels.Select(l => l.FromMs), Has.All.GreaterThan(0), "every auto label carries the event time it acts after");
        Assert.That(_first.Count(a => a.Kind == "blocklisted"), Is.GreaterThan(10), "blocklisted alerts raised by auto labels");
    }

    [Test]
    public void A_replay_with_the_labels_already_in_Redis_publishes_the_same_alert_ids()
    {
        AssertSame(_first, _replay, "first run", "replay");
    }

    [Test]
    public void Two_instances_in_one_group_publish_the_same_alert_ids_as_one()
    {
        Assert.That(_pair.A.CallerIngest.Records, Is.GreaterThan(0));
        Assert.That(_pair.B.CallerIngest.Records, Is.GreaterThan(0));
        AssertSame(_first, _two, "one instance", "two instances");
    }

    private static void AssertSame(List<Alert> one, List<Alert> other, string oneName, string otherName)
    {
        one = [.. one.Where(x => x.Kind != MergeOrdered)];
        other = [.. other.Where(x => x.Kind != MergeOrdered)];
        var a = one.Select(x => x.AlertId).ToHashSet();
        var b = other.Select(x => x.AlertId).ToHashSet();
        Assert.That(a, Has.Count.GreaterThan(500), "alerts compared");
        Assert.That(one.Select(x => x.Kind).Distinct().Count(), Is.GreaterThanOrEqualTo(6), "kinds compared");
        Assert.That(Describe(one, a.Except(b)), Is.Empty, $"alerted by the {oneName} only");
        Assert.That(Describe(other, b.Except(a)), Is.Empty, $"alerted by the {otherName} only");
        TestContext.Out.WriteLine($"{oneName} vs {otherName}: {a.Count} alert ids, {a.Intersect(b).Count()} equal; "
            + string.Join(", ", one.GroupBy(x => x.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
    }

    private static List<string> Describe(List<Alert> alerts, IEnumerable<string> ids)
    {
        var wanted = ids.ToHashSet();
        return [.. alerts.Where(a => wanted.Contains(a.AlertId)).Select(a => $"{a.Kind} {a.Number} {a.AlertId} at {a.EventTime}").Take(20)];
    }

    // One instance over the backlog, stopped once caught up (its labeler writes what is queued on the way out).
    private async Task<List<Alert>> RunAsync(string group, long records)
    {
        var alerts = Options(group);
        await using (var instances = new RunningPipelines(_harness))
        {
            var pipeline = await instances.StartAsync(_harness.Kafka.WithGroup(group), alerts, autoLabels: true);
            await PipelineHarness.WaitCaughtUpAsync([pipeline], records, s_catchUp);
        }

        return Read(alerts.Topic);
    }

    // Two instances in one group. Both must own their partitions before the first record, or a partition that moved
    // mid-run would restart with empty windows and the test would measure the rebalance: they settle on a topic of
    // their own, still empty, and the backlog is copied into it (same partitions, same order) as fast as it goes.
    private async Task<List<Alert>> RunTwoAsync(string group, long records)
    {
        var alerts = Options(group);
        var ingest = _harness.Ingest.WithTopic($"cdrs-{group}");
        _harness.Cluster.CreateTopic(ingest.Topic, PipelineHarness.Partitions);
        await using (var instances = new RunningPipelines(_harness))
        {
            var kafka = _harness.Kafka.WithGroup(group);
            _pair = (await instances.StartAsync(kafka, alerts, ingest, autoLabels: true), await instances.StartAsync(kafka, alerts, ingest, autoLabels: true));
            await RunningPipelines.WaitForAssignmentAsync(instances.All, _ => PipelineHarness.Partitions / 2, TimeSpan.FromSeconds(60));
            Copy(_harness.Ingest.Topic, ingest.Topic);
            await PipelineHarness.WaitCaughtUpAsync([_pair.A, _pair.B], records, s_catchUp);
        }

        return Read(alerts.Topic);
    }

    private void Copy(string from, string to)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _harness.Kafka.BootstrapServers, LingerMs = 5 }).Build();
        foreach (var r in _harness.ReadAll(from))
            producer.Produce(new TopicPartition(to, r.Partition), new Message<byte[], byte[]> { Key = r.Message.Key, Value = r.Message.Value, Headers = r.Message.Headers });
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private AlertsOptions Options(string name)
    {
        var alerts = new AlertsOptions
        {
            Topic = $"alerts-{name}",
            CalleeTopic = $"by-callee-{name}",
            PublishDecisions = false,
            AutoLabel = new AutoLabelOptions { CalleeStage = false },

            // The callee stage's ordered merge stops waiting for a caller partition heard of nothing new for this long
            // (10 x when it is known to be behind) and takes the others' records as they come, in an order that depends
            // on timing (docs/guarantees.md). On this backlog the default 500 ms was exceeded in the coldest of three
            // runs in about one in three test runs on a busy 2-core machine (call_bombing crossing records differed):
            // a limit of the merge, not of the closed loop this test is about.
            SourceIdle = TimeSpan.FromSeconds(5),
        };
        _harness.Cluster.CreateTopic(alerts.Topic, PipelineHarness.Partitions);
        _harness.Cluster.CreateTopic(alerts.CalleeTopic, PipelineHarness.Partitions);
        return alerts;
    }

    private List<Alert> Read(string topic)
        => [.. _harness.ReadAll(topic).Select(r =>
        {
            var a = JsonDocument.Parse(r.Message.Value).RootElement;
            return new Alert(a.GetProperty("alertId").GetString()!, a.GetProperty("kind").GetString()!, a.GetProperty("number").GetString()!,
                a.GetProperty("eventTime").GetString()!);
        })];

    private sealed record Alert(string AlertId, string Kind, string Number, string EventTime);
}
