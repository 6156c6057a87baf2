namespace FraudStream.Alerts.Pipeline;

/// <summary>What <see cref="TopicSetup"/> found on the cluster, and what it creates at start.</summary>
/// <param name="Brokers">Brokers the cluster's metadata named.</param>
/// <param name="CdrTopic">The carrier's CDR topic (it exists, or there is no plan).</param>
/// <param name="Partitions">The CDR topic's partitions: the count of every topic the pipeline creates.</param>
/// <param name="Existing">The output and internal topics that exist.</param>
/// <param name="Missing">The output and internal topics <c>run</c> creates at start.</param>
/// <param name="ReplicationFactor">The replication factor of the topics it creates (3, or fewer brokers).</param>
public sealed record TopicPlan(int Brokers, string CdrTopic, int Partitions, IReadOnlyList<string> Existing, IReadOnlyList<string> Missing, short ReplicationFactor);
