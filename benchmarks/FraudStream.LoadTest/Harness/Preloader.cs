using System.Diagnostics;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;
using FraudStream.Simulator;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Fills the bench's CDR topic with <c>N</c> simulated records (keyed by caller, as carriers produce them)
/// before anything consumes, then checks the brokers kept every one of them.
/// </summary>
internal static class Preloader
{
    /// <summary>
    /// The pre-load producer: FraudStream's idempotent producer, but zstd in 1 MB batches. Why: librdkafka's
    /// mock cluster (2.0.2 and still 2.16) keeps at most 5 MiB of record batches per partition (and 100,000 batches) and
    /// silently drops the oldest beyond that: its log "retention" (rdkafka_mock.c, <c>mpart-&gt;max_size</c>).
    /// That was the "uncompressed batches drain at 1.6k/s" puzzle: 1M uncompressed 150-byte records on
    /// 6 partitions are 25 MB per partition, so the mock kept only the newest ~20%; a consumer group started at
    /// the new low watermark, drained what was left at full speed and then waited for records that no longer
    /// existed (kcat -e stops at the end, so it looked fast). No consumer setting changes that (tried:
    /// max.partition.fetch.bytes, fetch.max.bytes, fetch.wait.max.ms, queued.max.messages.kbytes). Stored per
    /// simulated CDR (224 B of JSON): none ≈ 230 B, lz4 ≈ 77 B, zstd ≈ 44 B, so zstd fits ≈118,000 CDRs per
    /// partition. The mock also answers a fetch with at most one batch per partition, so large batches drain fastest.
    /// </summary>
    public static ProducerConfig ProducerConfig(KafkaOptions kafka)
    {
        var config = KafkaClientConfigs.Producer(kafka);
        config.CompressionType = CompressionType.Zstd;
        config.BatchSize = 1_000_000;
        config.BatchNumMessages = 100_000;
        config.LingerMs = 20;
        config.QueueBufferingMaxMessages = 1_000_000;
        config.MessageTimeoutMs = 60_000;
        return config;
    }

    public static PreloadResult Run(BenchKafka kafka, TrafficSimulator simulator, long count, BenchProgress progress, CancellationToken cancellationToken)
    {
        var topic = kafka.Ingest.Topic;
        progress.Begin($"pre-loading {count:N0} simulated CDRs into {topic} ({kafka.Partitions} partitions, zstd)", count);
        long failed = 0;
        Error? firstError = null;
        var start = ProcessMeter.Now();
        long bytes = 0;
        using (var producer = new ProducerBuilder<byte[], byte[]>(ProducerConfig(kafka.Kafka))
            .SetLogHandler(static (_, _) => { })
            .Build())
        {
            Action<DeliveryReport<byte[], byte[]>> delivered = report =>
            {
                if (report.Error.IsError)
                {
                    firstError ??= report.Error;
                    Interlocked.Increment(ref failed);
                }
            };

            for (long i = 0; i < count; i++)
            {
                if ((i & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress.Report(i);
                }

                simulator.Next();
                var message = new Message<byte[], byte[]> { Key = simulator.Key.ToArray(), Value = simulator.Record.ToArray() };
                bytes += message.Value.Length;
                Produce(producer, topic, message, delivered, TimeSpan.FromMilliseconds(10));
            }

            while (producer.Flush(TimeSpan.FromSeconds(1)) > 0)
                cancellationToken.ThrowIfCancellationRequested();
        }

        var usage = ProcessMeter.Now().Since(start, count);
        if (failed > 0)
            throw new BenchFailedException($"the brokers did not take {failed:N0} of the pre-loaded records: {firstError?.Reason}");

        var watermarks = kafka.Watermarks(topic, kafka.Partitions);
        long low = 0, kept = 0;
        foreach (var w in watermarks)
        {
            low += w.Low.Value;
            kept += w.High.Value - w.Low.Value;
        }

        if (low > 0 || kept != count)
        {
            throw new BenchFailedException(
                $"the brokers kept {kept:N0} of {count:N0} pre-loaded records ({low:N0} dropped from the start of the log)"
                + (kafka.Embedded ? "; the embedded broker keeps 5 MiB per partition: give more --partitions or a smaller --count" : "; check the topic's retention"));
        }

        var result = new PreloadResult(count, simulator.Duplicates, simulator.Malformed, bytes, usage.Seconds, usage.EventsPerSecond);
        progress.Done($"pre-loaded {count:N0} records ({bytes / (double)count:F0} B each) in {usage.Seconds:F1} s ({usage.EventsPerSecond:N0}/s); all kept by the brokers");
        return result;
    }

    /// <summary>Produces, waiting <paramref name="queueFullWait"/> at a time while librdkafka's local queue is full.</summary>
    internal static void Produce(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> delivered, TimeSpan queueFullWait)
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
                producer.Poll(queueFullWait);
            }
        }
    }
}

/// <summary>What the pre-load put on the CDR topic.</summary>
internal sealed record PreloadResult(long Records, long Duplicates, long Malformed, long Bytes, double Seconds, double RecordsPerSecond);
