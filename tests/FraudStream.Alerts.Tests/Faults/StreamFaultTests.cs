using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using FraudStream.Ingest.DeadLetters;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Faults;
using FraudStream.Tests.Shared.Faults;

namespace FraudStream.Alerts.Tests.Faults;

/// <summary>
/// Issue 7, items 4, 13 and 14: a second instance joining and leaving, poison pills in the input, and Redis dying
/// and coming back, each while traffic flows through one pipeline.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StreamFaultTests
{
    [Test]
    public async Task A_second_instance_joining_then_leaving_loses_nothing()
    {
        using var run = new FaultRun();
        var joinedWith = 0;

        var ledger = await run.RunAsync(async r =>
        {
            var second = await r.StartInstanceAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (second.CallerIngest.AssignedPartitions == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            joinedWith = second.CallerIngest.AssignedPartitions;
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.That(await r.StopInstanceAsync(second), Is.Null, "the second instance leaves cleanly");
        });

        Assert.That(joinedWith, Is.InRange(1, Pipeline.PipelineHarness.Partitions - 1), "the second instance took some of the partitions (cooperative rebalance)");
        ledger.AssertNothingLost("4 second instance joins and leaves").AssertDuplicatesAtMost(run.UncommittedWindow, "4 second instance joins and leaves", "the uncommitted window");
    }

    [Test]
    public async Task Poison_pills_are_dead_lettered_with_headers_while_every_partition_keeps_flowing()
    {
        using var run = new FaultRun();
        var pills = PoisonPills.Generate();

        var ledger = await run.RunAsync(async r =>
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(r.Harness.Kafka)).Build();
            for (var i = 0; i < pills.Count; i++)
            {
                await producer.ProduceAsync(new TopicPartition(r.Harness.Ingest.Topic, i % Pipeline.PipelineHarness.Partitions),
                    new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("pill" + i), Value = pills[i] });
            }
        });

        ledger.AssertNothingLost("13 poison pills").AssertDuplicatesAtMost(0, "13 poison pills", "none without a fault");
        Assert.That(ledger.Malformed, Is.GreaterThanOrEqualTo(pills.Count), "every pill counted as malformed by the oracle");
        var codes = TopicReader.ReadAll(run.Bootstrap, run.Harness.Ingest.DeadLetterTopic)
            .Where(d => Encoding.UTF8.GetString(d.Message.Key ?? []).StartsWith("pill", StringComparison.Ordinal))
            .Select(d => Encoding.UTF8.GetString(d.Message.Headers.GetLastBytes(DeadLetterHeaders.ErrorCode)))
            .ToList();
        Assert.That(codes, Has.Count.EqualTo(pills.Count), "each pill dead-lettered once");
        Assert.That(codes, Does.Contain("too_large").And.Contain("not_json"), "the reason travels in the headers");
    }

    [Test]
    public async Task Redis_killed_and_restarted_flags_decisions_degraded_without_stalling_and_loses_nothing()
    {
        using var run = new FaultRun(redis: true);
        long consumedWhileDown = 0;

        var first = await run.StartInstanceAsync();
        var produced = run.ProduceAsync();
        await run.WhenConsumedAsync(FaultRun.Records / 4);
        var before = first.CallerIngest.Records;
        run.Harness.Redis!.Kill();
        await Task.Delay(TimeSpan.FromSeconds(2));
        consumedWhileDown = first.CallerIngest.Records - before;
        run.Harness.Redis.Restart();
        var replica = first.Services.Blocklist!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (replica.IsDegraded && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.That(replica.IsDegraded, Is.False, "the replica resyncs within 30 s of Redis returning");

        // Traffic after the return: the last decision of every partition must be whole again.
        await produced.WaitAsync(TimeSpan.FromSeconds(60));
        await run.ProduceAsync(2_000, rate: 0);
        await run.WaitCommittedAsync(TimeSpan.FromSeconds(60));
        var ledger = await run.LedgerAsync();

        var decisions = TopicReader.ReadAll(run.Bootstrap, run.Harness.Alerts.DecisionTopic)
            .Select(d => (d.Partition.Value, d.Offset.Value, Degraded: JsonDocument.Parse(d.Message.Value).RootElement.GetProperty("degraded").GetBoolean()))
            .ToList();
        var degraded = decisions.Count(d => d.Degraded);
        TestContext.Progress.WriteLine($"[fault matrix] 14 Redis down: {consumedWhileDown} records consumed in the 2 s Redis was down, {degraded} decisions flagged degraded");
        ledger.AssertNothingLost("14 Redis killed and restarted").AssertDuplicatesAtMost(run.UncommittedWindow, "14 Redis killed and restarted", "the uncommitted window");
        Assert.That(consumedWhileDown, Is.GreaterThan(0), "the consumer kept going while Redis was down");
        Assert.That(degraded, Is.GreaterThan(0), "decisions made while Redis was down say so");
        Assert.That(decisions.GroupBy(d => d.Item1).Select(g => g.MaxBy(d => d.Item2).Degraded), Has.All.False, "decisions after the resync are not degraded");
    }
}
