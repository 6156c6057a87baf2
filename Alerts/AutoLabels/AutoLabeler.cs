using System.Threading.Channels;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudStream.Alerts.AutoLabels;

/// <summary>
/// The closed loop's Redis half: a confident detection becomes an <c>auto</c> label with a TTL in Redis, which
/// every label replica picks up through its change notice. The partition that detected the number does not wait
/// for it (<see cref="Scoring.Engine.PartitionScorer.AutoLabels"/>); the label carries the event time it acts after,
/// so the other partitions, the other instances and a replay apply it from the same point.
/// Writes happen off the hot path on one background task; the queue is bounded and a full queue drops the
/// request (counted): the next confident detection of the number asks again. A number already labelled in
/// the replica, or asked for lately, is not asked again.
/// </summary>
public sealed partial class AutoLabeler : IAsyncDisposable
{
    public const string Actor = "fraudstream-auto";

    private readonly Channel<LabelRequest> _queue = Channel.CreateBounded<LabelRequest>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly LabelStore _store;
    private readonly BlocklistReplica? _replica;
    private readonly AutoLabelOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AutoLabelPolicy? _policy;
    private readonly Dictionary<ulong, long> _asked = [];
    private readonly Lock _gate = new();
    private readonly Task _writer;
    private readonly CancellationTokenSource _abandon = new();
    private long _written;
    private long _failed;
    private long _dropped;

    public AutoLabeler(LabelStore store, BlocklistReplica? replica, AutoLabelOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        _store = store;
        _replica = replica;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _policy = options.ToPolicy();

        _writer = Task.Run(WriteAsync);
    }

    /// <summary>How long <see cref="DisposeAsync"/> keeps writing what is queued before dropping the rest.</summary>
    public TimeSpan ShutdownDrain { get; init; } = TimeSpan.FromSeconds(10);

    public long Written => Interlocked.Read(ref _written);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Which detections are labelled, for the partitions' own labels too; null when auto labels are off.</summary>
    public AutoLabelPolicy? Policy => _policy;

    /// <summary>Whether suspects named by the callee stage are labelled (<see cref="AutoLabelOptions.CalleeStage"/>).</summary>
    public bool LabelsCalleeStageSuspects => _options.CalleeStage;

    /// <summary>Whether a suspect detection of <paramref name="kind"/> at <paramref name="score"/> is confident enough to label.</summary>
    public bool IsConfident(FraudKind kind, float score) => _policy is not null && _policy.IsConfident(kind, score);

    /// <summary>Asks for an auto label of <paramref name="number"/>; returns whether a request was queued.</summary>
    /// <param name="fromMs">The event time after which the label acts (<see cref="LabelInfo.FromMs"/>); 0 = at once.</param>
    public bool Request(ulong number, FraudKind kind, string reason, long fromMs = 0)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_replica is not null && _replica.TryGetLabel(number, nowMs, out _))
            return false;

        lock (_gate)
        {
            // Until the replica shows the label, one request per number per minute is enough.
            if (_asked.TryGetValue(number, out var at) && nowMs - at < 60_000)
                return false;
            if (_asked.Count >= 100_000)
                _asked.Clear();
            _asked[number] = nowMs;
        }

        var request = new LabelRequest(number, AutoLabelOptions.CategoryOf(kind), LabelSource.Auto, reason)
        {
            ExpiresAt = _time.GetUtcNow() + _options.Ttl,
            Action = AutoLabelOptions.ActionOf(kind),
            From = fromMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(fromMs) : null,
        };
        if (_queue.Writer.TryWrite(request))
            return true;

        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task WriteAsync()
    {
        await foreach (var request in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _store.AddAsync(request, Actor, _abandon.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _written);
                Log.Labelled(_logger, request.Number, request.Reason);
            }
            catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
            {
                // Shutting down past the drain time: the rest of the queue is dropped, counted.
                Interlocked.Increment(ref _dropped);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Redis away or the breaker open: the label is advisory, the next detection asks again.
                Interlocked.Increment(ref _failed);
                Log.LabelFailed(_logger, request.Number, e.Message);
            }
        }
    }

    /// <summary>
    /// Writes what is queued for up to <see cref="ShutdownDrain"/>, then drops the rest (counted in <see cref="Dropped"/>)
    /// and stops. Without the bound a slow Redis would hold shutdown for a timeout per queued label.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(ShutdownDrain).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            await _writer.ConfigureAwait(false);
        }

        _abandon.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Auto label for +{Number}: {Reason}")]
        public static partial void Labelled(ILogger logger, ulong number, string reason);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Auto label for +{Number} not written: {Error}")]
        public static partial void LabelFailed(ILogger logger, ulong number, string error);
    }
}
