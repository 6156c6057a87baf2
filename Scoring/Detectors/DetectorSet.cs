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

    /// <summary>Every rule FraudStream ships.</summary>
    public static DetectorSet Standard() => new(
    [
        new WangiriDetector(), new RobocallDetector(), new SmsFloodDetector(), new HarassmentDetector(), new IrsfDetector(),
        new SimboxDetector(), new CallBombingDetector(), new VictimWarningDetector(),
    ]);

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
