using FraudStream.Scoring.Features;

namespace FraudStream.Alerts.Pipeline;

/// <summary>
/// One of the pipeline's two stages. The caller stage reads the carrier's CDR topic (key = caller), scores
/// the caller's side, and re-keys every valid record by callee to <see cref="AlertsOptions.CalleeTopic"/>;
/// the callee stage reads that topic and scores the callee's side (call bombing, victim warning, the
/// overseas policy). Each stage alerts only about the number its partitions are keyed by, so per-number
/// state (features, suppression) is always partition-local.
/// </summary>
public sealed record Stage(string Name, Side Side)
{
    public static Stage Caller { get; } = new("caller", Side.Outbound);

    public static Stage Callee { get; } = new("callee", Side.Inbound);

    /// <summary>
    /// Header (empty value) on a copy of a home subscriber's call or SMS abroad that the caller stage sends to
    /// the re-keyed topic keyed by the caller, besides the record re-keyed by callee: the callee stage's
    /// partition of that subscriber remembers whom it called (victim warning) and scores nothing for it.
    /// </summary>
    public const string CallAbroadHeader = FraudStream.Ingest.Frames.RecordHeaders.CallAbroad;
}
