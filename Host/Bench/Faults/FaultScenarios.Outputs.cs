using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Host.Bench.Faults;

// Item 11b: an output the pipeline cannot deliver at all.
internal static partial class FaultScenarios
{
    private static FaultScenario ProduceRejected() => new("produce-rejected", "11b",
        "every record produced first; then 3 Produce requests fail with TOPIC_AUTHORIZATION_FAILED (not retriable): the instance stops without storing offsets beyond an undelivered output, a new instance in this process takes over",
        ProduceRejectedAsync, DuplicateBound.Measured)
    {
        Backlog = true,
        Verify = static (c, _) =>
        {
            if (c.HandOver is not { } cut)
                return;
            var redeliveries = Redeliveries.Around(TopicReader.ReadAll(c.Kafka.BootstrapServers, c.Ingest.Topic), cut, c.Ingest);
            var beyond = Math.Max(0, c.MeasuredBound + redeliveries.Before);
            c.MeasuredBound = beyond + redeliveries.Straddling;
            c.Notes.Observe($"bound: the {beyond:N0} records it processed beyond the committed offsets (outputs − committed + {redeliveries.Before:N0} de-duplicated redeliveries before them, which have no output) "
                + $"plus {redeliveries.Straddling:N0} redeliveries after them whose original came before (the new instance cannot know those are repeats)");
        },
    };

    private static async Task ProduceRejectedAsync(FaultCluster c)
    {
        var first = c.Pipeline;
        c.Cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed);
        var why = await c.WhenStoppedByItselfAsync(first, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        c.Notes.Expect(why is not null, "the instance stops on an output it cannot deliver");
        if (why is null)
            return;

        // What the stopped instance processed beyond the committed offsets is at most what the next one repeats:
        // records processed = caller decisions + dead letters (its producer was flushed on the way out) + the
        // redeliveries it de-duplicated without an output (counted by Verify, which reads the input).
        var bootstrap = c.Kafka.BootstrapServers;
        var processed = TopicReader.ReadAll(bootstrap, c.Alerts.DecisionTopic).Count(static d => d.Message.Value.AsSpan().IndexOf("\"stage\":\"caller\""u8) >= 0)
                        + TopicReader.Count(bootstrap, c.Ingest.DeadLetterTopic);
        var cut = TopicReader.CommittedOffsets(bootstrap, c.Ingest.Topic, c.Kafka.GroupId);
        c.HandOver = cut;
        var committed = cut.Values.Sum();
        c.MeasuredBound = processed - committed;
        var uncommitted = c.Uncommitted();
        c.Notes.Observe($"the instance stopped ({why}) having written {processed:N0} outputs (caller decisions and dead letters) with {committed:N0} input records committed; {uncommitted:N0} left for a new instance in this process");
        c.Notes.Expect(why.Contains("authorization", StringComparison.OrdinalIgnoreCase), "it stops naming the delivery error");
        c.Notes.Expect(uncommitted > 0, "the batch whose output was not delivered stays uncommitted");
        c.StartInstance();
    }
}
