using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Faults;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// Issue 7, item 11: the outputs (decisions, alerts, re-keyed records, dead letters) fail to produce. A backlog is
/// produced first, so that the errors injected afterwards reach the pipeline's producer and no other client.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OutputFaultTests
{
    [Test]
    public async Task Retriable_produce_errors_are_retried_and_every_output_delivered()
    {
        using var run = new FaultRun();
        await run.ProduceAsync(rate: 0);
        run.Harness.Cluster.PushRequestErrors(KafkaApiKey.Produce,
            ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicasAfterAppend,
            ErrorCode.RequestTimedOut, ErrorCode.LeaderNotAvailable, ErrorCode.NotEnoughReplicas);

        await run.StartInstanceAsync();
        await run.WaitCommittedAsync(TimeSpan.FromSeconds(120));
        var ledger = await run.LedgerAsync();

        ledger.AssertNothingLost("11a retriable produce errors").AssertDuplicatesAtMost(0, "11a retriable produce errors", "none: the idempotent producer retries without duplicates");
    }

    [Test]
    public async Task A_non_retriable_produce_error_stops_the_instance_without_storing_its_offsets_and_a_restart_loses_nothing()
    {
        using var run = new FaultRun();
        await run.ProduceAsync(rate: 0);
        run.Harness.Cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed);

        var failing = await run.StartInstanceAsync();
        var stopped = await Task.WhenAny(run.Running(failing), Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.That(stopped, Is.SameAs(run.Running(failing)), "the instance stops on an output it cannot deliver");
        Assert.That(run.Running(failing).Exception?.GetBaseException(), Is.InstanceOf<InvalidOperationException>().And.Message.Contains("Topic authorization failed"),
            "it stops naming the delivery error");
        var uncommitted = TopicReader.Uncommitted(run.Bootstrap, run.Harness.Ingest.Topic, run.Harness.Kafka.GroupId);
        Assert.That(uncommitted, Is.GreaterThan(0), "the batch whose output was not delivered stays uncommitted");

        await run.StartInstanceAsync();
        await run.WaitCommittedAsync(TimeSpan.FromSeconds(120));
        var ledger = await run.LedgerAsync();

        TestContext.Progress.WriteLine($"[fault matrix] 11b: {uncommitted} records uncommitted when the instance stopped");
        ledger.AssertNothingLost("11b non-retriable produce error, restart").AssertDuplicatesAtMost(uncommitted, "11b non-retriable produce error, restart", "the records left uncommitted by the stopped instance");
    }
}
