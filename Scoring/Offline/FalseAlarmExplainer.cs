using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Training;

namespace FraudStream.Scoring.Offline;

/// <summary>
/// Why the model named legitimate numbers: for each legitimate caller's first <c>ml_fraud</c> detection, the exact
/// TreeSHAP contributions of its score, summed per feature. Forwards every decision to the sink it wraps.
/// </summary>
public sealed class FalseAlarmExplainer(OfflinePipeline pipeline, TruthSet truth, IDecisionSink inner) : IDecisionSink
{
    private readonly HashSet<ulong> _explained = [];
    private readonly float[] _contributions = new float[Feature.Count + 1];
    private readonly double[] _sums = new double[Feature.Count];

    /// <summary>Legitimate callers explained.</summary>
    public int Count => _explained.Count;

    public void Add(in CallEvent e, in Decision decision)
    {
        inner.Add(e, decision);
        var caller = e.Caller.Value;
        if (!decision.Has(FraudKind.MlFraud) || truth.IsSuspect(caller) || truth.VictimKinds.ContainsKey(caller) || !_explained.Add(caller))
            return;
        pipeline.ExplainCurrent(_contributions);
        for (var f = 0; f < Feature.Count; f++)
            _sums[f] += _contributions[f];
    }

    /// <summary>The features that pushed the false alarms' scores up the most, with their mean contribution (log-odds).</summary>
    public IEnumerable<(string Feature, double Mean)> Top(int count)
        => Enumerable.Range(0, Feature.Count).Where(f => _sums[f] > 0).OrderByDescending(f => _sums[f]).Take(count)
            .Select(f => (Feature.Names[f], _sums[f] / Math.Max(1, _explained.Count)));
}
