using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// Every options section the scoring service reads (<see cref="ScoringPipeline"/> and <see cref="ScoringRuntime"/>),
/// validated at start by whoever binds them (the <c>fraudstream</c> host), and used as they are by the load harness.
/// </summary>
public sealed record ServiceOptions(KafkaOptions Kafka, IngestOptions Ingest, AlertsOptions Alerts, RuntimeOptions Runtime);
