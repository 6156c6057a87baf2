using System.Diagnostics;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.Simulator;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// The carrier in phase C: sends the simulator's next records at a fixed rate, each at its intended time
/// (record <c>i</c> at <c>start + i / rate</c>), catching up in a burst after any stall instead of slipping the
/// schedule, and books each record's intended time for the latency. Its producer is FraudStream's (lz4,
/// idempotent) but lingers <see cref="CarrierLingerMs"/>, whatever <c>Kafka:LingerMs</c> says.
/// </summary>
internal static class OpenLoopProducer
{
    /// <summary>
    /// librdkafka's default <c>linger.ms</c>, what a carrier's producer would have: the carrier is not FraudStream, so
    /// tuning FraudStream's own producers (<c>Kafka:LingerMs</c>) must not tune the traffic it is measured with. It
    /// also keeps the CDR topic's record batches as large as before: the embedded broker answers a fetch with one
    /// batch per partition and walks a partition's batches to find it, so a carrier sending a batch per record
    /// (linger 0) left the pipeline behind until the broker's 5 MiB retention dropped unread records (measured).
    /// </summary>
    public const int CarrierLingerMs = 5;

    /// <summary>The carrier's producer settings: FraudStream's, lingering <see cref="CarrierLingerMs"/>.</summary>
    internal static ProducerConfig Config(KafkaOptions kafka)
    {
        var config = KafkaClientConfigs.Producer(kafka);
        config.LingerMs = CarrierLingerMs;
        return config;
    }

    /// <summary>Sends until <paramref name="stopAt"/> (timestamp ticks, read as it changes) is reached.</summary>
    public static OpenLoopResult Run(
        KafkaOptions kafka, string topic, TrafficSimulator simulator, LatencyBook book, Func<long> stopAt, Action<long> progress, CancellationToken cancellationToken)
    {
        long failed = 0;
        using var producer = new ProducerBuilder<byte[], byte[]>(Config(kafka)).SetLogHandler(static (_, _) => { }).Build();
        Action<DeliveryReport<byte[], byte[]>> delivered = report =>
        {
            if (report.Error.IsError)
                Interlocked.Increment(ref failed);
        };

        // Which records are measured is known only once the phase sets MeasureFrom, which it does after taking that
        // timestamp: records sent in between are counted from the schedule at the end, not here as they go.
        long sent = 0;
        var worstLag = 0L;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            var end = stopAt();
            var due = book.DueBy(Math.Min(now, end - 1));
            for (; sent < due; sent++)
            {
                var intended = book.IntendedTimestamp(sent);
                if (intended >= book.MeasureFrom)
                    worstLag = Math.Max(worstLag, now - intended);

                simulator.Next();
                var value = simulator.Record.ToArray();
                if (LatencyBook.TryParseSequence(value.AsSpan(0, Math.Min(64, value.Length)), out var sequence))
                    book.Scheduled(sequence, intended);
                Preloader.Produce(producer, topic, new Message<byte[], byte[]> { Key = simulator.Key.ToArray(), Value = value }, delivered, TimeSpan.FromMilliseconds(1));
            }

            progress(Measured(book, sent));
            if (now >= end)
                break;
            Thread.Sleep(1);
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        if (Interlocked.Read(ref failed) > 0)
            throw new BenchFailedException($"phase C: the brokers did not take {failed:N0} of the records sent");
        return new OpenLoopResult(sent, Measured(book, sent), worstLag * 1000.0 / Stopwatch.Frequency);
    }

    /// <summary>How many of the first <paramref name="sent"/> records fall in the measured window (0 before it is set).</summary>
    internal static long Measured(LatencyBook book, long sent)
    {
        var from = book.MeasureFrom;
        return from == long.MaxValue ? 0 : Math.Max(0, sent - book.DueBefore(from));
    }
}

/// <summary>What the open-loop sender sent: in all, in the measured window, and how far it ever fell behind its schedule there.</summary>
internal sealed record OpenLoopResult(long Sent, long Measured, double WorstLagMs);
