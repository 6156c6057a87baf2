using System.Diagnostics;
using FraudStream.Ingest;
using FraudStream.Ingest.Consuming;
using FraudStream.Ingest.Kafka;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;

namespace FraudStream.Host.Demo;

/// <summary>
/// Simulated carrier traffic (with redeliveries and broken records) through the real ingest path: produced
/// to the CDR topic, consumed by the consumer group, decoded, de-duplicated, dead-lettered, committed.
/// </summary>
internal static class IngestRun
{
    public sealed record Result(long Produced, long Duplicates, long Malformed, IngestStatistics Consumed, long Committed, TimeSpan ProduceTime, TimeSpan ConsumeTime);

    public static async Task<Result> RunAsync(KafkaOptions kafka, IngestOptions ingest, int count, int seed, CancellationToken cancellationToken)
    {
        var simulator = new TrafficSimulator(new SimulationOptions
        {
            Population = 20_000,
            Seed = (ulong)seed,
            Duplicates = 0.05,
            Malformed = 0.005,
            ExpectedRecords = count,
        });

        var clock = Stopwatch.StartNew();
        RunSummary produced;
        await using (var sink = KafkaRecordSink.Connect(kafka, ingest.Topic))
            produced = await SimulationRun.RunAsync(simulator, sink, new RunLimits(count, null, 0), TimeProvider.System, null, cancellationToken).ConfigureAwait(false);
        var produceTime = clock.Elapsed;

        clock.Restart();
        using var deadLetters = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        var consumer = new CdrConsumer(kafka, ingest, new CountingHandler(), deadLetters);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = consumer.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (consumer.Statistics.Records < produced.Records && DateTime.UtcNow < deadline && !run.IsCompleted)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        var consumeTime = clock.Elapsed;
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);

        return new Result(produced.Records, produced.Duplicates, produced.Malformed, consumer.Statistics, consumer.Statistics.Records, produceTime, consumeTime);
    }

    /// <summary>Scoring joins here in later issues; for now the demo only counts what ingest hands on.</summary>
    private sealed class CountingHandler : IBatchHandler
    {
        public Task HandleAsync(EventBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
