using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// The scoring side's full in-process copy of the blocklist: labels, subscriber policies and prefix rules.
/// Lookups are O(1), allocation-free, lock-free and never wait on Redis; a background task keeps the copy
/// fresh from change notices (pub/sub) and a periodic versioned resync, and keeps serving the last state
/// when Redis is away (<see cref="IsDegraded"/>).
/// </summary>
/// <remarks>Layout and sync protocol: Scoring/Blocklist/README.md.</remarks>
public sealed partial class BlocklistReplica : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly BlocklistOptions _options;
    private readonly LabelStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlocklistCircuit _circuit;

    // Written only under _writeLock (by the sync task or the notice handler); read lock-free by lookups.
    private readonly Lock _writeLock = new();
    private SingleWriterMap _labels = new();

    // Number → the event time its label acts after (LabelInfo.FromMs), for the labels that have one (auto labels):
    // most labels have none, so it stays out of the packed label word and costs a second lookup only for those.
    private SingleWriterMap _from = new();
    private SingleWriterMap _policies = new();
    private PrefixSet _prefixes = PrefixSet.Empty;
    private long _version;
    private string _epoch = "";
    private bool _loaded;
    private bool _reloading;

    private volatile bool _degraded = true;
    private long _fullReloads;
    private long _lastSyncMs;

    /// <param name="redis">The process's shared connection; the replica subscribes to change notices on it.</param>
    /// <param name="options">Key prefix, resync interval, timeouts; defaults when null.</param>
    /// <param name="logger">Where load, degradation and recovery are logged.</param>
    /// <param name="time">The clock label expiry is judged by; the system clock when null.</param>
    private int _disposed;

    public BlocklistReplica(IConnectionMultiplexer redis, BlocklistOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        _redis = redis;
        _options = options ?? new BlocklistOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _circuit = new BlocklistCircuit(_logger, MarkDegraded);
        _store = new LabelStore(redis, _options, _time, BlocklistResilience.ForReplica(_options, _circuit, OnRedisUnavailable));
        _onNotice = OnNotice;
        _onConnectionFailed = OnConnectionFailed;
        _onConnectionRestored = OnConnectionRestored;
    }

    /// <summary>
    /// True until the first full load, from the first call to Redis that failed or went unanswered for
    /// <see cref="BlocklistOptions.OperationTimeout"/> (one attempt: neither its retries nor the breaker are waited for)
    /// until a sync succeeds again, and while the circuit breaker is open (read from the breaker itself: its state
    /// changes a moment before its callback marks the replica, and a decision made in between must be flagged too).
    /// Lookups then answer from the last state held. A stall is therefore noticed within one
    /// <see cref="BlocklistOptions.ResyncInterval"/> and one <see cref="BlocklistOptions.OperationTimeout"/>.
    /// </summary>
    public bool IsDegraded => _degraded || CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>
    /// The circuit breaker in front of the replica's Redis calls (sync, resync, reasons): open after Redis kept failing or
    /// timing out, so calls fail fast and the replica serves its last state, flagged <see cref="IsDegraded"/>; half-open
    /// while one trial call tests Redis again.
    /// </summary>
    public CircuitState CircuitState => _circuit.State.CircuitState;

    /// <summary>Times the circuit opened (a failed half-open trial opens it again).</summary>
    public long CircuitOpenings => _circuit.Openings;

    /// <summary>Times the circuit closed again after being open.</summary>
    public long CircuitClosings => _circuit.Closings;

    /// <summary>How long the circuit stayed open (or half-open), summed over the outages that have ended.</summary>
    public TimeSpan CircuitOpenTime => _circuit.TimeOpen;

    /// <summary>Whether a full load has completed (before it, every lookup misses).</summary>
    public bool IsLoaded => Volatile.Read(ref _loaded);

    /// <summary>The blocklist version the replica reflects (Redis counts one per change).</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Labels held, including expired ones not yet swept from Redis.</summary>
    public int LabelCount => Volatile.Read(ref _labels).Count;

    /// <summary>Subscribers with a policy.</summary>
    public int PolicyCount => Volatile.Read(ref _policies).Count;

    /// <summary>Prefix rules held.</summary>
    public int PrefixCount => Volatile.Read(ref _prefixes).Count;

    /// <summary>Full loads done so far: the first, plus one each time the replica fell behind the change log or Redis lost its data.</summary>
    public long FullReloads => Interlocked.Read(ref _fullReloads);

    /// <summary>When the replica last confirmed it matched Redis; null before the first load.</summary>
    public DateTimeOffset? LastSyncedAt => Interlocked.Read(ref _lastSyncMs) is var ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Bytes of the label table (slots and array header): what the replica's labels cost beyond the object itself.</summary>
    public long LabelBytes => Volatile.Read(ref _labels).Bytes;

    /// <summary>The number's label, unless it has none or it has expired. O(1), allocation-free, never waits.</summary>
    public bool TryGetLabel(ulong number, out LabelInfo label)
    {
        if (Volatile.Read(ref _labels).TryGetValue(number, out var packed))
        {
            label = Unpack(number, packed);
            // The clock is read only for labels that can expire (auto labels); most never do.
            if (label.ExpiresMs == 0 || label.ExpiresMs > _time.GetUtcNow().ToUnixTimeMilliseconds())
                return true;
        }

        label = default;
        return false;
    }

    /// <summary>As <see cref="TryGetLabel(ulong, out LabelInfo)"/>, judging expiry at <paramref name="nowMs"/> (for a batch that read the clock once).</summary>
    public bool TryGetLabel(ulong number, long nowMs, out LabelInfo label)
    {
        if (Volatile.Read(ref _labels).TryGetValue(number, out var packed))
        {
            label = Unpack(number, packed);
            if (!label.IsExpiredAt(nowMs))
                return true;
        }

        label = default;
        return false;
    }

    private LabelInfo Unpack(ulong number, ulong packed)
    {
        var label = Packing.UnpackLabel(packed);
        return label.Source == LabelSource.Auto && Volatile.Read(ref _from).TryGetValue(number, out var from)
            ? label with { FromMs = (long)from }
            : label;
    }

    /// <summary>
    /// Hints the CPU to fetch the label slot of <paramref name="number"/> and the policy slot of
    /// <paramref name="subscriber"/>, a few events before <see cref="TryGetLabel(ulong, long, out LabelInfo)"/>
    /// and <see cref="GetPolicy"/> read them. Pass 0 to skip either.
    /// </summary>
    public void Prefetch(ulong number, ulong subscriber)
    {
        if (number != 0)
            Volatile.Read(ref _labels).Prefetch(number);
        if (subscriber != 0)
            Volatile.Read(ref _policies).Prefetch(subscriber);
    }

    /// <summary>The subscriber's opt-ins; <see cref="SubscriberPolicy.None"/> when it has none.</summary>
    public SubscriberPolicy GetPolicy(ulong subscriber)
        => Volatile.Read(ref _policies).TryGetValue(subscriber, out var packed) ? Packing.UnpackPolicy(packed) : SubscriberPolicy.None;

    /// <summary>The rule of the longest prefix of <paramref name="number"/> (which has <paramref name="digits"/> digits).</summary>
    public bool TryMatchPrefix(ulong number, int digits, out PrefixRule rule)
        => Volatile.Read(ref _prefixes).TryMatch(number, digits, out rule);

    /// <summary>The reason text of a number's label, from Redis (for explanations; never on the hot path).</summary>
    public Task<string?> GetReasonAsync(ulong number, CancellationToken cancellationToken = default)
        => _store.GetReasonAsync(number, cancellationToken);
}
