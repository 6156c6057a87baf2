using Confluent.Kafka;
using Confluent.Kafka.Admin;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// Checks, before anything is consumed, that Kafka is reachable and the pipeline's topics are there: the CDR
/// topic must exist (it is the carrier's); missing output topics and the internal callee topic are created
/// with the CDR topic's partition count (as Kafka Streams creates its repartition topics).
/// </summary>
public static class TopicSetup
{
    /// <summary>Returns the topics it created.</summary>
    /// <exception cref="PipelineSetupException">Kafka is unreachable or the CDR topic is missing.</exception>
    public static async Task<IReadOnlyList<string>> EnsureAsync(KafkaOptions kafka, IngestOptions ingest, AlertsOptions alerts, TimeSpan timeout)
    {
        LibrdkafkaLoader.EnsureLoaded();
        using var admin = KafkaAdmin.Connect(kafka, timeout);
        var plan = Plan(admin, kafka, ingest, alerts, timeout);
        if (plan.Missing.Count == 0)
            return [];

        try
        {
            await admin.CreateTopicsAsync(
                plan.Missing.Select(t => new TopicSpecification { Name = t, NumPartitions = plan.Partitions, ReplicationFactor = plan.ReplicationFactor }),
                new CreateTopicsOptions { OperationTimeout = timeout, RequestTimeout = timeout }).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance created them first.
        }
        catch (CreateTopicsException e)
        {
            var failed = e.Results.First(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists));
            throw new PipelineSetupException($"cannot create topic '{failed.Topic}': {failed.Error.Reason}; create it yourself with {plan.Partitions} partitions");
        }

        return plan.Missing;
    }

    /// <summary>
    /// What <see cref="EnsureAsync"/> would find and do, without doing it: one metadata request, so nothing is
    /// created, consumed or produced and no group is joined (<c>fraudstream run --check</c>).
    /// </summary>
    /// <exception cref="PipelineSetupException">Kafka is unreachable or the CDR topic is missing, with the message <see cref="EnsureAsync"/> gives.</exception>
    public static TopicPlan Check(KafkaOptions kafka, IngestOptions ingest, AlertsOptions alerts, TimeSpan timeout)
    {
        LibrdkafkaLoader.EnsureLoaded();
        using var admin = KafkaAdmin.Connect(kafka, timeout);
        return Plan(admin, kafka, ingest, alerts, timeout);
    }

    private static TopicPlan Plan(KafkaAdmin admin, KafkaOptions kafka, IngestOptions ingest, AlertsOptions alerts, TimeSpan timeout)
    {
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(timeout);
        }
        catch (KafkaException e)
        {
            throw new PipelineSetupException($"cannot reach Kafka at {kafka.BootstrapServers}: {e.Error.Reason}; check --bootstrap and that the brokers are up");
        }

        var topics = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        if (!topics.TryGetValue(ingest.Topic, out var partitions))
            throw new PipelineSetupException($"the CDR topic '{ingest.Topic}' does not exist on {kafka.BootstrapServers}; create it or set Ingest:Topic");

        var wanted = new List<string> { ingest.DeadLetterTopic, alerts.CalleeTopic, alerts.Topic };
        if (alerts.PublishDecisions)
            wanted.Add(alerts.DecisionTopic);
        wanted = wanted.Distinct(StringComparer.Ordinal).ToList();
        return new TopicPlan(
            metadata.Brokers.Count,
            ingest.Topic,
            partitions,
            wanted.Where(topics.ContainsKey).ToList(),
            wanted.Where(t => !topics.ContainsKey(t)).ToList(),
            (short)Math.Min(3, metadata.Brokers.Count));
    }
}

/// <summary>The pipeline cannot start as configured; the message says what to fix.</summary>
public sealed class PipelineSetupException(string message) : Exception(message);
