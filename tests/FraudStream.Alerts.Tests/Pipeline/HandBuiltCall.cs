using System.Text;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>A voice call written by hand as a CDR v1 record, for tests that need exact sequences rather than simulated traffic.</summary>
internal readonly record struct HandBuiltCall(string Id, string Caller, string Callee, DateTimeOffset At, int Seconds, bool Answered)
{
    /// <summary>Produces <paramref name="calls"/> to <paramref name="topic"/> keyed by caller, as the carrier's topic is, and waits for the acknowledgements.</summary>
    public static async Task ProduceAsync(KafkaOptions kafka, string topic, IEnumerable<HandBuiltCall> calls)
    {
        using var producer = new KafkaBatchProducer(KafkaClientConfigs.Producer(kafka));
        foreach (var c in calls)
        {
            producer.Enqueue(topic, new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(c.Caller),
                Value = Encoding.UTF8.GetBytes(
                    $$"""{"recordId":"{{c.Id}}","type":"voice","caller":"{{c.Caller}}","callee":"{{c.Callee}}","startTime":"{{c.At:yyyy-MM-ddTHH:mm:ss.fffZ}}","ringSec":6,"durationSec":{{c.Seconds}},"answered":{{(c.Answered ? "true" : "false")}}}"""),
            });
        }

        await producer.AcknowledgeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }
}
