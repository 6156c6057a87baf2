using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Offline;

/// <summary>
/// The two stages of the pipeline without Kafka, as one partition each: a batch is scored on the caller side,
/// handed to the callee side the way the caller stage re-keys it (each record with its caller's flood mark and pursuit, and
/// a copy of each call abroad and of each pair's first event in a day for the caller's own callee-side state), and scored there. What the rules and
/// the model decide here is what one instance of <c>fraudstream run</c> decides, minus the labels in Redis.
/// </summary>
public sealed class OfflinePipeline
{
    private readonly ScoringServices _services;
    private readonly PartitionScorer _caller;
    private readonly PartitionScorer _callee;
    private Decision[] _callerDecisions = new Decision[256];
    private Decision[] _calleeDecisions = new Decision[512];
    private CallEvent[] _calleeEvents = new CallEvent[512];
    private long[] _marks = new long[512];
    private float[] _pursuits = new float[512];
    private bool[] _copies = new bool[512];
    private int _current = -1;

    public OfflinePipeline(ScoringServices services)
    {
        _services = services;
        _caller = new PartitionScorer(services, Side.Outbound);
        _callee = new PartitionScorer(services, Side.Inbound);
    }

    /// <summary>Scores <paramref name="events"/> (in time order) and hands every non-empty decision to <paramref name="sink"/>.</summary>
    public void Score(ReadOnlySpan<CallEvent> events, IDecisionSink sink)
    {
        Grow(events.Length);
        var callerDecisions = _callerDecisions.AsSpan(0, events.Length);
        _caller.Score(events, callerDecisions);

        var n = 0;
        for (var i = 0; i < events.Length; i++)
        {
            _current = i;
            if (!callerDecisions[i].IsEmpty)
                sink.Add(events[i], callerDecisions[i]);
            _calleeEvents[n] = events[i];
            _marks[n] = _caller.CallerFloodMark(events[i]);
            _pursuits[n] = callerDecisions[i].Pursuit;
            _copies[n++] = false;
            if (_caller.NeedsOwnCopy(i))
            {
                _calleeEvents[n] = events[i];
                _marks[n] = 0;
                _pursuits[n] = 0;
                _copies[n++] = true;
            }
        }

        _current = -1;
        var calleeDecisions = _calleeDecisions.AsSpan(0, n);
        _callee.Score(_calleeEvents.AsSpan(0, n), calleeDecisions, _marks.AsSpan(0, n), _copies.AsSpan(0, n), _pursuits.AsSpan(0, n));
        for (var i = 0; i < n; i++)
        {
            if (!calleeDecisions[i].IsEmpty)
                sink.Add(_calleeEvents[i], calleeDecisions[i]);
        }
    }

    /// <summary>
    /// Inside <see cref="IDecisionSink.Add"/> for a caller-side decision with an <c>ml_fraud</c> detection: the exact
    /// TreeSHAP contributions of its score (<see cref="Feature.Count"/> + 1, the base value last, log-odds).
    /// </summary>
    public void ExplainCurrent(Span<float> contributions)
    {
        if (_current < 0)
            throw new InvalidOperationException("Only a caller-side decision being handed to the sink can be explained.");
        _caller.Explain(_current, contributions);
    }

    private void Grow(int events)
    {
        if (_callerDecisions.Length < events)
            _callerDecisions = new Decision[events];
        if (_calleeEvents.Length < 2 * events)
        {
            _calleeDecisions = new Decision[2 * events];
            _calleeEvents = new CallEvent[2 * events];
            _marks = new long[2 * events];
            _pursuits = new float[2 * events];
            _copies = new bool[2 * events];
        }
    }
}

/// <summary>Receives the decisions of an <see cref="OfflinePipeline"/>.</summary>
public interface IDecisionSink
{
    void Add(in CallEvent e, in Decision decision);
}
