using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Web;

/// <summary>What the analyst's page reads and writes: the alert topic on Kafka, the label store in Redis, the rates.</summary>
/// <param name="Kafka">Where the alert topic lives.</param>
/// <param name="AlertTopic">The topic the page's alert stream reads (<c>Alerts:Topic</c>).</param>
/// <param name="Labels">The label store of <c>fraudstream labels</c>; null without Redis (the page is then read-only for numbers).</param>
/// <param name="HomeCountryCode">For national numbers typed into the page, as the CLI reads them.</param>
/// <param name="Token">The analyst token (<c>Operations:AnalystToken</c>); empty makes every write refused.</param>
/// <param name="Rates">The sampled pipeline counters behind the chart.</param>
internal sealed record AnalystContext(KafkaOptions Kafka, string AlertTopic, LabelStore? Labels, ushort HomeCountryCode, string Token, RateHistory Rates)
{
    /// <summary>The directory the page's files are served from: <c>web/</c> beside the executable.</summary>
    public string AssetRoot { get; init; } = Path.Combine(AppContext.BaseDirectory, "web");
}
