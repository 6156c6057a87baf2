using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Engine;

/// <summary>
/// What every partition's scorer shares: the label replica (null when no Redis is configured: every decision
/// is then flagged degraded), the thresholds, the model (null: rules only), the detectors and the pair tables.
/// All of it is safe to read from several partitions at once.
/// </summary>
public sealed record ScoringServices(
    BlocklistReplica? Blocklist,
    ThresholdsProvider Thresholds,
    XGBoostModel? Model,
    FeatureOptions Features,
    ushort HomeCountryCode = 86)
{
    public PairRecency OutboundPairs { get; } = new(Features.PairTableBits);

    public PairRecency InboundPairs { get; } = new(Features.PairTableBits);
}
