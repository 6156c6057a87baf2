using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.LoadTest.Faults;

// Item 11b: an output the pipeline cannot deliver at all.
internal static partial class FaultScenarios
{
    private static FaultScenario ProduceRejected() => new("produce-rejected", "11b",
        "every record produced first; then 3 Produce requests fail with TOPIC_AUTHORIZATION_FAILED (not retriable): the instance stops without storing offsets beyond an undelivered output, a new instance in this process takes over",
        ProduceRejectedAsync, DuplicateBound.Measured)
    {
        Backlog = true,
        Verify = static (c, _) => HandOver.Bound(c, graceful: false),
    };

    private static async Task ProduceRejectedAsync(FaultCluster c)
    {
        var first = c.Pipeline;
        c.Cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed);
        // Disposed once stopped, as fraudstream run would on its way out: its producer flushes what it had queued.
        var why = await c.WhenStoppedByItselfAsync(first, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        c.Notes.Expect(why is not null, "the instance stops on an output it cannot deliver");
        if (why is null)
            return;

        c.Notes.Observe($"the instance stopped ({why}) after {first.CallerIngest.Records:N0} records");
        c.Notes.Expect(why.Contains("authorization", StringComparison.OrdinalIgnoreCase), "it stops naming the delivery error");
        HandOver.Mark(c);
        c.Notes.Expect(c.Uncommitted() > 0, "the batch whose output was not delivered stays uncommitted");
        c.Notes.Observe("a new instance in this process takes over");
        c.StartInstance();
    }
}
