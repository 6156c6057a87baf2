using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Redis;

namespace FraudStream.Alerts.Pipeline;

/// <summary>Every options section <see cref="ScoringRuntime"/> reads, validated at start.</summary>
public sealed record RuntimeOptions(
    RedisOptions Redis,
    BlocklistOptions Blocklist,
    ScoringOptions Scoring,
    FeatureOptions Features,
    AlertsOptions Alerts,
    ushort HomeCountryCode);
