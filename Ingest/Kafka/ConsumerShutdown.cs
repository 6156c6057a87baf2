using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// Closing a consumer-group member safely on Debian's librdkafka 2.0.2, which has two cooperative-sticky bugs:
/// <list type="bullet">
/// <item>Close() alone does not send LeaveGroup, so the group waits a whole session timeout before it
/// rebalances the member's partitions to others. Unsubscribe() first does send it (commits stored offsets of
/// the revoked partitions, then leaves).</item>
/// <item>Destroying a member that never received an assignment aborts the process
/// (<c>rd_kafka_sticky_assignor_state_destroy: Assertion `assignor_state' failed</c>, librdkafka#4312, fixed
/// in 2.3.0). Such a member owns nothing and has stored nothing, so it is not destroyed: it is kept
/// reachable until the process exits instead of being finalized.</item>
/// </list>
/// </summary>
public static class ConsumerShutdown
{
    private static readonly List<object> s_neverAssigned = [];

    /// <summary>Leaves the group (committing stored offsets) and closes and disposes the consumer.</summary>
    /// <param name="everAssigned">Whether the member ever received an assignment (its partitions-assigned handler ran).</param>
    public static void LeaveAndClose<TKey, TValue>(IConsumer<TKey, TValue> consumer, bool everAssigned)
    {
        if (!everAssigned)
        {
            lock (s_neverAssigned)
                s_neverAssigned.Add(consumer);
            return;
        }

        consumer.Unsubscribe();
        consumer.Close();
        consumer.Dispose();
    }
}
