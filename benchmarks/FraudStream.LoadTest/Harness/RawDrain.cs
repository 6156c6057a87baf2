using System.Diagnostics;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Phase A, the ceiling: a bare consumer-group member with FraudStream's consumer settings (and a larger
/// fetch-ahead queue) that only consumes the pre-loaded topic (nothing decoded, stored or committed). Timed from
/// its first record to its last.
/// </summary>
internal static class RawDrain
{
    private static readonly TimeSpan s_stall = TimeSpan.FromSeconds(60);

    public static Usage Run(BenchKafka kafka, long expected, BenchProgress progress, CancellationToken cancellationToken)
    {
        progress.Begin($"A. raw ceiling: a bare consumer group drains {expected:N0} records", expected);
        var config = KafkaClientConfigs.Consumer(kafka.Kafka, kafka.Kafka.GroupId + "-raw");
        config.EnableAutoCommit = false;
        config.ConsumeResultFields = KafkaClientConfigs.CdrConsumeResultFields; // the pipeline's consumer settings, for a fair ratio
        // But room to fetch ahead: librdkafka stops fetching for a partition once its queue passes queued.min.messages
        // (100,000) or queued.max.messages.kbytes (64 MB) and looks again only after fetch.queue.backoff.ms (1 s). A
        // bare consumer empties 100,000 records in a fraction of that, so with the defaults it idles. Still so in
        // 2.16 (1M records of 224 B, 12 partitions, 3 mock brokers, four interleaved rounds on a loaded machine):
        // 128,000-231,000 records/s with the defaults, 366,000-698,000 with this queue. The pipeline, many times
        // slower, never empties its queue within a second.
        config.QueuedMinMessages = 1_000_000;
        config.QueuedMaxMessagesKbytes = 256 * 1024;
        var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetLogHandler(static (_, _) => { })
            .Build();
        consumer.Subscribe(kafka.Ingest.Topic);
        try
        {
            long count = 0;
            ProcessMeter? first = null;
            var lastProgress = Stopwatch.GetTimestamp();
            while (count < expected)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Stopwatch.GetElapsedTime(lastProgress) > s_stall)
                        throw new BenchFailedException($"phase A: no record for {s_stall.TotalSeconds:F0} s after {count:N0} of {expected:N0}");
                    continue;
                }

                first ??= ProcessMeter.Now();
                if ((++count & 0xFFF) == 0)
                {
                    lastProgress = Stopwatch.GetTimestamp();
                    progress.Report(count);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            var usage = ProcessMeter.Now().Since(first!.Value, count);
            progress.Done($"raw: {usage.EventsPerSecond:N0} records/s, {usage.CpuMicrosPerEvent:F2} CPU-µs per record ({usage.OwnCpuMicrosPerEvent:F2} FraudStream's own, {usage.BrokerCpuMicrosPerEvent:F2} the embedded brokers')");
            return usage;
        }
        finally
        {
            consumer.Close();
            consumer.Dispose();
        }
    }
}
