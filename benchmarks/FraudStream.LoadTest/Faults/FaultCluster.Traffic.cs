using System.Text;
using Confluent.Kafka;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Kafka;
using FraudStream.LoadTest.Harness;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;

namespace FraudStream.LoadTest.Faults;

internal sealed partial class FaultCluster
{
    /// <summary>
    /// Sends <paramref name="records"/> of <paramref name="simulator"/>'s traffic: a burst of <paramref name="rate"/> records
    /// every second (0: all at once). Bursts, not a record-by-record pace: the embedded broker returns at most one produced
    /// batch per partition per fetch, so a producer sending tiny batches would throttle every consumer.
    /// </summary>
    public async Task ProduceAsync(TrafficSimulator simulator, long records, double rate, CancellationToken cancellationToken)
    {
        await using var sink = KafkaRecordSink.Connect(Kafka, Ingest.Topic);
        var burst = rate > 0 ? (long)rate : records;
        for (long sent = 0; sent < records; sent += burst)
        {
            var next = Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await SimulationRun.RunAsync(simulator, sink, new RunLimits(Math.Min(burst, records - sent), null, 0), TimeProvider.System, null, cancellationToken).ConfigureAwait(false);
            if (sent + burst < records)
                await next.ConfigureAwait(false);
        }
    }

    /// <summary>Poison pills into every partition of the CDR topic, keyed <c>pill&lt;n&gt;</c>.</summary>
    public async Task ProducePillsAsync()
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(Kafka)).SetLogHandler(static (_, _) => { }).Build();
        var pills = PoisonPills.Generate();
        for (var i = 0; i < pills.Count; i++)
        {
            await producer.ProduceAsync(new TopicPartition(Ingest.Topic, i % Partitions),
                new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("pill" + i), Value = pills[i] }).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the caller stages of all instances consumed <paramref name="records"/>.</summary>
    public Task WhenConsumedAsync(long records, CancellationToken cancellationToken)
        => WaitAsync(() => Consumed >= records, TimeSpan.FromSeconds(120), $"consume {records:N0} records", cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds, at most <paramref name="timeout"/>; false if it never did.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(50).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Input records beyond the caller stage's committed offsets.</summary>
    public long Uncommitted() => TopicReader.Uncommitted(Kafka.BootstrapServers, Ingest.Topic, Kafka.GroupId);

    /// <summary>Waits until both stages' groups have committed the end of their topics; fails when that stops moving for 60 s.</summary>
    public async Task WaitCommittedAsync(CancellationToken cancellationToken)
    {
        var callee = ScoringPipeline.CalleeGroup(Kafka.GroupId);
        var lastBehind = long.MaxValue;
        var lastChange = DateTime.UtcNow;
        while (true)
        {
            var behind = Uncommitted() + TopicReader.Uncommitted(Kafka.BootstrapServers, Alerts.CalleeTopic, callee);
            if (behind == 0)
                return;
            if (behind < lastBehind)
                (lastBehind, lastChange) = (behind, DateTime.UtcNow);
            else if (DateTime.UtcNow - lastChange > TimeSpan.FromSeconds(60))
                throw new BenchFailedException($"{behind:N0} records stayed uncommitted for 60 s: {Describe()}");
            ThrowIfStopped();
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records the broker dropped from the start of the topics the ledger reads (its 5 MiB per partition).</summary>
    public long Dropped()
        => new[] { Ingest.Topic, Alerts.DecisionTopic, Alerts.CalleeTopic, Ingest.DeadLetterTopic }.Sum(t => TopicReader.Dropped(Kafka.BootstrapServers, t));

    /// <summary>
    /// Stops every pipeline gracefully, then reads the CDR, decision, dead-letter and re-keyed topics back; the audit, if
    /// any, attributes what is missing (none where child processes ran: their reports are not in it, nothing is excused).
    /// </summary>
    public async Task<DeliveryLedger> LedgerAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        return DeliveryLedger.Read(Kafka.BootstrapServers, Ingest, Alerts, Audit?.Evidence);
    }
}
