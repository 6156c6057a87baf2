using FraudStream.Ingest.Cdr;
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
    FraudModel? Model,
    FeatureOptions Features,
    ushort HomeCountryCode = 86)
{
    public PairRecency OutboundPairs { get; } = new(Features.PairTableBits);

    public PairRecency InboundPairs { get; } = new(Features.PairTableBits);

    /// <summary>Since when each caller has been placing calls (as far as this process saw): the SIM box rule's "new SIM" by day.</summary>
    public NumberAge CallerAges { get; } = new(Math.Max(10, Features.PairTableBits - 2));

    /// <summary>Harassment kept up for hours: pairs whose first contact and every event since were unwanted. A quarter of a pair table's slots, allocated on the first.</summary>
    public PursuitMemory CallerPursuits { get; } = new(Math.Max(10, Features.PairTableBits - 2));

    /// <summary>
    /// Which foreign numbers each home subscriber has called or texted, for the callee side (victim warning:
    /// a number the subscriber called is no stranger). Fed by <see cref="RememberCallAbroad"/> from copies of
    /// those outbound records that reach the subscriber's own callee-side partition, so an instance knows it
    /// for exactly the subscribers it scores as callees, however a consumer group spreads the partitions.
    /// A quarter of a pair table: only calls abroad are in it.
    /// </summary>
    public PairRecency CalledAbroad { get; } = new(Math.Max(10, Features.PairTableBits - 2));

    /// <summary>A home subscriber's call or SMS to a foreign number: the callee side must learn of it (<see cref="CalledAbroad"/>).</summary>
    public bool IsCallAbroad(in CallEvent e) => e.Caller.CountryCode == HomeCountryCode && e.Callee.CountryCode != HomeCountryCode;

    public void RememberCallAbroad(in CallEvent e)
        => CalledAbroad.Touch(e.Caller.Value, e.Callee.Value, FeatureExtractor.Seconds(e.StartTimeMs), out _, out _, out _);
}
