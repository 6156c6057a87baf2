using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Tests.Detectors;

/// <summary>Both extractors and the standard rules, as the pipeline will run them: each event's decision, and every number flagged so far.</summary>
internal sealed class Scorer
{
    private readonly FeatureExtractor _outbound;
    private readonly FeatureExtractor _inbound = new(Side.Inbound, new FeatureOptions(), new PairRecency(16));
    private readonly DetectorSet _rules;

    /// <param name="knowsCallsBack">
    /// Whether harassment's confirmation learns whom each callee has called or texted (the pipeline's
    /// <c>ScoringServices.CalledNumbers</c>; here the outbound pair table, which sees every event): off to show what it prevents.
    /// </param>
    public Scorer(Thresholds? thresholds = null, bool knowsCallsBack = true)
    {
        var outboundPairs = new PairRecency(16);
        var ages = new NumberAge(12);
        _outbound = new FeatureExtractor(Side.Outbound, new FeatureOptions(), outboundPairs, ages: ages);
        _rules = DetectorSet.Standard(outboundPairs, callerAges: ages, callerPairs: outboundPairs, pursuits: new PursuitMemory(10),
            calledNumbers: knowsCallsBack ? outboundPairs : null);
        Thresholds = thresholds ?? Thresholds.Default;
    }

    public Thresholds Thresholds { get; set; }

    /// <summary>
    /// Makes the pair memory reach back to <paramref name="since"/>, as a service running that long does (one unrelated
    /// call then, not scored): harassment's pursuits start only once a first contact means a stranger.
    /// </summary>
    public Scorer RemembersSince(DateTimeOffset since)
    {
        var f = new FeatureVector();
        _outbound.Apply(Features.Events.Call(Features.Events.Home(99_999_998), Features.Events.Home(99_999_999), since), ref f);
        return this;
    }

    /// <summary>(kind, role, number) of every detection so far.</summary>
    public HashSet<(FraudKind Kind, Role Role, PhoneNumber Number)> Flagged { get; } = [];

    public Decision Score(in CallEvent e)
    {
        var decision = new Decision();
        var f = new FeatureVector();
        _outbound.Apply(e, ref f);
        _rules.DetectOutbound(e, f, Thresholds, ref decision);
        _inbound.Apply(e, ref f);
        _rules.DetectInbound(e, f, Thresholds, ref decision);
        foreach (var d in decision.Detections)
            Flagged.Add((d.Kind, d.Role, d.Number));
        return decision;
    }

    /// <summary>The caller side alone: what it decides and hands over (<see cref="Decision.Pursuit"/>), with the callee side not run.</summary>
    public Decision ScoreOutbound(in CallEvent e)
    {
        var decision = new Decision();
        var f = new FeatureVector();
        _outbound.Apply(e, ref f);
        _rules.DetectOutbound(e, f, Thresholds, ref decision);
        return decision;
    }

    public bool WasFlagged(FraudKind kind, Role role, PhoneNumber number) => Flagged.Contains((kind, role, number));

    public bool AnyFlagged(FraudKind kind)
    {
        foreach (var f in Flagged)
        {
            if (f.Kind == kind)
                return true;
        }

        return false;
    }
}
