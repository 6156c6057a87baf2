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
    /// a number the subscriber called is no stranger). Fed by <see cref="RememberOwnCall"/> from copies of
    /// those outbound records that reach the subscriber's own callee-side partition (<see cref="NeedsOwnCopy"/>),
    /// so an instance knows it for exactly the subscribers it scores as callees, however a consumer group spreads
    /// the partitions. A quarter of a pair table, of calls abroad only: the pairs at home would push them out.
    /// </summary>
    public PairRecency CalledAbroad { get; } = new(Math.Max(10, Features.PairTableBits - 2));

    /// <summary>
    /// Whom each number has called or texted, at home or abroad, for the callee side (harassment: a number the
    /// callee calls or texts is not harassing it). Fed like <see cref="CalledAbroad"/>, by every copy.
    /// </summary>
    public PairRecency CalledNumbers { get; } = new(Features.PairTableBits);

    /// <summary>A home subscriber's call or SMS to a foreign number: the callee side learns of every one (victim warning).</summary>
    public bool IsCallAbroad(in CallEvent e) => e.Caller.CountryCode == HomeCountryCode && e.Callee.CountryCode != HomeCountryCode;

    /// <summary>
    /// Whether the callee side must learn of this outbound event (<see cref="CalledNumbers"/>): a home subscriber's every
    /// call abroad (<see cref="CalledAbroad"/>), and any number's first event to another in each day (UTC;
    /// <paramref name="pairPreviousMinute"/> from the caller side's pair memory, <see cref="PairRecency.Touch"/>): a
    /// relative abroad ringing back clears a subscriber ringing it in bursts. Once a day keeps a pair in use fresh in
    /// that memory, whose oldest pairs make room.
    /// </summary>
    public bool NeedsOwnCopy(in CallEvent e, uint pairPreviousMinute)
        => pairPreviousMinute == uint.MaxValue || pairPreviousMinute / MinutesPerDay != (uint)(FeatureExtractor.Seconds(e.StartTimeMs) / 60) / MinutesPerDay
           || IsCallAbroad(e);

    private const uint MinutesPerDay = 24 * 60;

    public void RememberOwnCall(in CallEvent e)
    {
        var second = FeatureExtractor.Seconds(e.StartTimeMs);
        CalledNumbers.Touch(e.Caller.Value, e.Callee.Value, second, out _, out _, out _);
        if (IsCallAbroad(e))
            CalledAbroad.Touch(e.Caller.Value, e.Callee.Value, second, out _, out _, out _);
    }
}
