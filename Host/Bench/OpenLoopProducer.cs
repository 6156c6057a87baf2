using System.Diagnostics;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.Simulator;

namespace FraudStream.Host.Bench;

/// <summary>
/// The carrier in phase C: sends the simulator's next records at a fixed rate, each at its intended time
/// (record <c>i</c> at <c>start + i / rate</c>), catching up in a burst after any stall instead of slipping the
/// schedule, and books each record's intended time for the latency.
/// </summary>
internal static class OpenLoopProducer
{
    /// <summary>Sends <paramref name="count"/> records; returns how far behind its schedule it ever fell (ms).</summary>
    public static double Run(KafkaOptions kafka, string topic, TrafficSimulator simulator, LatencyBook book, long count, Action<long> progress, CancellationToken cancellationToken)
    {
        var config = KafkaClientConfigs.Producer(kafka);
        // A carrier's producer sending as its calls end; 1 ms lets a burst share a request without adding a linger of note.
        config.LingerMs = 1;
        long failed = 0;
        using var producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler(static (_, _) => { }).Build();
        Action<DeliveryReport<byte[], byte[]>> delivered = report =>
        {
            if (report.Error.IsError)
                Interlocked.Increment(ref failed);
        };

        long sent = 0;
        var worstLag = 0L;
        while (sent < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            var due = Math.Min(count, book.DueBy(now));
            for (; sent < due; sent++)
            {
                var intended = book.IntendedTimestamp(sent);
                worstLag = Math.Max(worstLag, now - intended);
                simulator.Next();
                var value = simulator.Record.ToArray();
                if (LatencyBook.TryParseSequence(value.AsSpan(0, Math.Min(64, value.Length)), out var sequence))
                    book.Scheduled(sequence, intended);
                Produce(producer, topic, new Message<byte[], byte[]> { Key = simulator.Key.ToArray(), Value = value }, delivered);
            }

            progress(sent);
            Thread.Sleep(1);
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        if (Interlocked.Read(ref failed) > 0)
            throw new BenchFailedException($"phase C: the brokers did not take {failed:N0} of the records sent");
        return worstLag * 1000.0 / Stopwatch.Frequency;
    }

    private static void Produce(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> delivered)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, delivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(1));
            }
        }
    }
}
