using System.Collections.Concurrent;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Pipeline;

/// <summary>Running totals of what the pipeline decided and alerted, for the live view and the end-of-run report. Thread-safe.</summary>
public sealed class PipelineStatistics
{
    private readonly long[] _actions = new long[4];
    private readonly long[] _alerts = new long[FraudKinds.All.Count];
    private readonly long[] _suppressed = new long[FraudKinds.All.Count];
    private readonly ConcurrentDictionary<ulong, int> _flagged = new();
    private long _callerEvents;
    private long _calleeEvents;
    private long _blockedCalls;
    private long _blockedSms;
    private long _warned;
    private long _autoLabels;
    private long _callerLate;
    private long _calleeLate;
    private long _modelFailures;
    private long _ownCallsCopied;
    private long _framesSent;

    public long CallerEvents => Interlocked.Read(ref _callerEvents);

    public long CalleeEvents => Interlocked.Read(ref _calleeEvents);

    /// <summary>Events the stage's features discarded as later than <c>Features:Lateness</c> (should stay near zero).</summary>
    public long LateEvents(Stage stage) => Interlocked.Read(ref stage == Stage.Caller ? ref _callerLate : ref _calleeLate);

    /// <summary>Events the model could not score (it threw or returned NaN): decided by rules and labels alone, flagged degraded.</summary>
    public long ModelFailures => Interlocked.Read(ref _modelFailures);

    /// <summary>Calls the caller stage decided to block (call control).</summary>
    public long BlockedCalls => Interlocked.Read(ref _blockedCalls);

    public long BlockedSms => Interlocked.Read(ref _blockedSms);

    /// <summary>Warn alerts about victims: subscribers warned (a call bombing, a scam call in progress).</summary>
    public long SubscribersWarned => Interlocked.Read(ref _warned);

    /// <summary>
    /// Copies of home subscribers' calls abroad the caller stage sent to the callee stage besides the re-keyed
    /// records (<see cref="Stage.CallAbroadHeader"/>): the callee stage reads this many records more than events.
    /// </summary>
    public long OwnCallsCopied => Interlocked.Read(ref _ownCallsCopied);

    public long AutoLabelsRequested => Interlocked.Read(ref _autoLabels);

    /// <summary>Kafka messages (frames, docs/frames.md) that carried the re-keyed records and copies to the callee stage.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long Decisions(DecisionAction action) => Interlocked.Read(ref _actions[(int)action]);

    public long Alerts(FraudKind kind) => Interlocked.Read(ref _alerts[(int)kind]);

    public long Suppressed(FraudKind kind) => Interlocked.Read(ref _suppressed[(int)kind]);

    public long TotalAlerts
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _alerts.Length; i++)
                total += Interlocked.Read(ref _alerts[i]);
            return total;
        }
    }

    /// <summary>The numbers with the most alerts so far.</summary>
    public IReadOnlyList<(ulong Number, int Alerts)> TopFlagged(int count)
        => [.. _flagged.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value))];

    internal void Events(Stage stage, int events) => Interlocked.Add(ref stage == Stage.Caller ? ref _callerEvents : ref _calleeEvents, events);

    internal void CopiedOwnCalls(int copies) => Interlocked.Add(ref _ownCallsCopied, copies);

    internal void SentFrames(long frames) => Interlocked.Add(ref _framesSent, frames);

    internal void ModelFailed(long events) => Interlocked.Add(ref _modelFailures, events);

    internal void Late(Stage stage, long events) => Interlocked.Add(ref stage == Stage.Caller ? ref _callerLate : ref _calleeLate, events);

    /// <summary>Adds a batch's decisions per action and its blocked calls and SMS.</summary>
    internal void Decided(ReadOnlySpan<int> byAction, int blockedCalls, int blockedSms)
    {
        for (var a = 0; a < byAction.Length; a++)
        {
            if (byAction[a] > 0)
                Interlocked.Add(ref _actions[a], byAction[a]);
        }

        Interlocked.Add(ref _blockedCalls, blockedCalls);
        Interlocked.Add(ref _blockedSms, blockedSms);
    }

    internal void Alerted(FraudKind kind, ulong number, bool warnedVictim)
    {
        Interlocked.Increment(ref _alerts[(int)kind]);
        if (warnedVictim)
            Interlocked.Increment(ref _warned);
        if (_flagged.Count < 100_000 || _flagged.ContainsKey(number))
            _flagged.AddOrUpdate(number, 1, static (_, n) => n + 1);
    }

    internal void SuppressedAlert(FraudKind kind) => Interlocked.Increment(ref _suppressed[(int)kind]);

    internal void AutoLabelRequested() => Interlocked.Increment(ref _autoLabels);
}
