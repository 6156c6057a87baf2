namespace FraudStream.LoadTest.Faults;

/// <summary>
/// The duplicate bound of a scenario where one instance stops and another takes over its partitions (a crash, a
/// kill, a graceful stop): what the stopped one processed beyond the offsets it committed, plus the redeliveries the
/// new one cannot recognise (<see cref="Redeliveries"/>). Measured in two steps: <see cref="MarkAsync"/> right after
/// the stop, <see cref="Bound"/> from the scenario's Verify, once the input is complete.
/// </summary>
internal static class HandOver
{
    /// <summary>
    /// Reads what the stopped instance wrote (caller decisions and dead letters: one per record processed, except the
    /// redeliveries it de-duplicated) and the committed offsets.
    /// </summary>
    public static void Mark(FaultCluster c)
    {
        var bootstrap = c.Kafka.BootstrapServers;
        var outputs = TopicReader.ReadAll(bootstrap, c.Alerts.DecisionTopic).Count(static d => d.Message.Value.AsSpan().IndexOf("\"stage\":\"caller\""u8) >= 0)
                      + TopicReader.Count(bootstrap, c.Ingest.DeadLetterTopic);
        var cut = TopicReader.CommittedOffsets(bootstrap, c.Ingest.Topic, c.Kafka.GroupId);
        var committed = cut.Values.Sum();
        c.HandOver = cut;
        c.MeasuredBound = outputs - committed;
        c.Notes.Observe($"at the stop: {outputs:N0} outputs (caller decisions and dead letters), {committed:N0} input records committed, {c.Uncommitted():N0} left for the next instance");
    }

    /// <summary>
    /// Completes the bound: records processed beyond the committed offsets (outputs − committed + the de-duplicated
    /// redeliveries before them, which have no output) plus the straddling redeliveries. With <paramref name="graceful"/>
    /// the first part must be 0: the committed offset of each partition is the last processed + 1.
    /// </summary>
    public static void Bound(FaultCluster c, bool graceful)
    {
        if (c.HandOver is not { } cut)
            return;
        var redeliveries = Redeliveries.Around(TopicReader.ReadAll(c.Kafka.BootstrapServers, c.Ingest.Topic), cut, c.Ingest);
        var beyond = c.MeasuredBound + redeliveries.Before;
        c.MeasuredBound = Math.Max(0, beyond) + redeliveries.Straddling;
        c.Notes.Observe($"bound: {beyond:N0} records processed beyond the committed offsets ({redeliveries.Before:N0} de-duplicated redeliveries before them counted in) "
            + $"plus {redeliveries.Straddling:N0} redeliveries after them whose original came before (the next instance cannot know those are repeats)");
        if (graceful)
            c.Notes.Expect(beyond == 0, "a graceful stop commits exactly what it processed (committed = last processed + 1)");
    }
}
