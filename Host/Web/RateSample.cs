namespace FraudStream.Host.Web;

/// <summary>The pipeline's running totals at one moment: <c>events.caller</c>, <c>decisions.block</c>, <c>alerts.wangiri</c>, ….</summary>
/// <param name="TimeMs">When, Unix milliseconds UTC.</param>
/// <param name="Totals">Each counter's total since the process started listening.</param>
internal sealed record RateSample(long TimeMs, IReadOnlyDictionary<string, long> Totals);
