using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>The rule detectors, split by the side whose features they read; runs them into one decision.</summary>
public sealed class DetectorSet
{
    private readonly IDetector[] _outbound;
    private readonly IDetector[] _inbound;

    public DetectorSet(IEnumerable<IDetector> detectors)
    {
        var outbound = new List<IDetector>();
        var inbound = new List<IDetector>();
        foreach (var d in detectors)
            (d.Side == Side.Outbound ? outbound : inbound).Add(d);
        _outbound = [.. outbound];
        _inbound = [.. inbound];
    }

    /// <summary>Every rule FraudStream ships. The rules keep no per-event state; what they remember lives in <paramref name="bombers"/>.</summary>
    /// <param name="calledAbroad">
    /// Whom each subscriber has called abroad: the pipeline's <c>ScoringServices.CalledAbroad</c>, or the outbound
    /// side's pair table when one view holds both sides (offline evaluation). Lets victim_warning tell a
    /// number the subscriber called before from a stranger.
    /// </param>
    /// <param name="bombers">
    /// Numbers seen flooding a victim lately. The pipeline gives each partition's scorer its own, so that what
    /// a partition decides never depends on another partition's timing (see <see cref="Engine.PartitionScorer"/>).
    /// </param>
    /// <param name="callerPairs">The caller side's pair table and ...</param>
    /// <param name="pursuits">... its pursuits (<c>ScoringServices.CallerPursuits</c>): harassment kept up for hours (off when either is null).</param>
    /// <param name="calledNumbers">
    /// Whom each number has called or texted (<c>ScoringServices.CalledNumbers</c>): harassment is not named when its
    /// callee has called or texted the caller (off when null).
    /// </param>
    public static DetectorSet Standard(PairRecency? calledAbroad = null, RecentNumbers? bombers = null, NumberAge? callerAges = null, PairRecency? callerPairs = null,
        PursuitMemory? pursuits = null, PairRecency? calledNumbers = null)
    {
        bombers ??= new RecentNumbers();
        var flooded = new RecentNumbers(12);
        return new(
        [
            new WangiriDetector(), new RobocallDetector(), new SmsFloodDetector(), new HarassmentDetector(bombers, callerPairs, pursuits), new IrsfDetector(),
            new SimboxDetector(callerAges), new CallBombingDetector(bombers, flooded), new HarassmentConfirmation(flooded, calledNumbers),
            new VictimWarningDetector(calledAbroad),
        ]);
    }

    /// <summary>Runs the rules over the caller's features (<paramref name="f"/> from the outbound extractor).</summary>
    public void DetectOutbound(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        foreach (var d in _outbound)
            d.Detect(e, f, t, ref decision);
    }

    /// <summary>Runs the rules over the callee's features (<paramref name="f"/> from the inbound extractor).</summary>
    public void DetectInbound(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision)
    {
        foreach (var d in _inbound)
            d.Detect(e, f, t, ref decision);
    }
}
