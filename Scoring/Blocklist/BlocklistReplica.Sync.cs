using System.Globalization;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

// Lifecycle, the sync task and the change-notice handler.
public sealed partial class BlocklistReplica
{
    private const int ChangeBatch = 1000;

    private readonly Action<RedisChannel, RedisValue> _onNotice;
    private readonly EventHandler<ConnectionFailedEventArgs> _onConnectionFailed;
    private readonly EventHandler<ConnectionFailedEventArgs> _onConnectionRestored;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _wakePending;
    private bool _subscribed;

    /// <summary>
    /// Starts keeping the replica in sync and waits for the first full load. If <paramref name="cancellationToken"/>
    /// fires first the replica keeps trying in the background, empty and degraded, and this throws.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _loop, Task.CompletedTask, null) is not null)
            throw new InvalidOperationException("The replica is already started.");

        _redis.ConnectionFailed += _onConnectionFailed;
        _redis.ConnectionRestored += _onConnectionRestored;
        _loop = Task.Run(RunAsync, CancellationToken.None);
        await _firstLoad.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Syncs with Redis now (version check, change log, full reload if needed) instead of at the next interval.</summary>
    public Task ResyncAsync(CancellationToken cancellationToken = default) => SyncAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Idempotent, as Dispose should be: a second call finds the token source already disposed.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        await _stop.CancelAsync().ConfigureAwait(false);
        _redis.ConnectionFailed -= _onConnectionFailed;
        _redis.ConnectionRestored -= _onConnectionRestored;
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_subscribed)
        {
            try
            {
                await _redis.GetSubscriber().UnsubscribeAsync(_store.Keys.Channel, _onNotice).ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Redis is gone; so is the subscription.
            }
        }

        _stop.Dispose();
        _wake.Dispose();
        _syncGate.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (!_subscribed)
                {
                    // Subscribed before the sync, so no change between the two goes unnoticed. Once: StackExchange.Redis
                    // registers the handler before it sends SUBSCRIBE and keeps it when that fails or times out (Redis
                    // down), then subscribes every registered channel on each (re)connect by itself; calling again would
                    // register the handler again, each copy called per notice and one left behind by DisposeAsync.
                    _subscribed = true;
                    await _redis.GetSubscriber().SubscribeAsync(_store.Keys.Channel, _onNotice).WaitAsync(_options.OperationTimeout, stop).ConfigureAwait(false);
                }

                await SyncAsync(stop).ConfigureAwait(false);
                if (_options.SweepExpired)
                {
                    var swept = await _store.SweepExpiredAsync(cancellationToken: stop).ConfigureAwait(false);
                    if (swept > 0)
                        Log.Swept(_logger, swept);
                }

                MarkInSync();
                if (IsLoaded)
                    _firstLoad.TrySetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (BlocklistResilience.IsRedisUnavailable(e) || e is RedisException)
            {
                MarkDegraded(e.Message);
            }
#pragma warning disable CA1031 // The sync task must outlive any one failure; it logs and retries at the next interval.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.SyncFailed(_logger, e);
                MarkDegraded(e.GetType().Name + ": " + e.Message);
            }

            try
            {
                await _wake.WaitAsync(_options.ResyncInterval, stop).ConfigureAwait(false);
                Volatile.Write(ref _wakePending, 0);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Compares versions with Redis and catches up: from the change log when it still holds what is missing, else in full.</summary>
    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _syncGate.Release();
        }
    }

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var (epoch, version) = await _store.ReadStateAsync(cancellationToken).ConfigureAwait(false);
        string? why = null;
        lock (_writeLock)
        {
            if (!_loaded)
                why = "first load";
            else if (epoch != _epoch && _epoch.Length == 0 && _version == 0)
                _epoch = epoch; // the first change ever made: the change log starts at this replica's version
            else if (epoch != _epoch)
                why = $"Redis holds a different blocklist (epoch {(epoch.Length == 0 ? "none" : epoch)}, had {(_epoch.Length == 0 ? "none" : _epoch)}): it was restarted without its data or flushed";
            else if (version < _version)
                why = $"Redis is at version {version}, behind the replica's {_version}";
        }

        if (why is null && version > Version && !await CatchUpAsync(version, cancellationToken).ConfigureAwait(false))
            why = $"the change log no longer holds the changes after version {Version}";

        if (why is not null)
        {
            if (IsLoaded)
                Log.FullReloadNeeded(_logger, why);
            await FullReloadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies change-log entries after <see cref="Version"/> up to <paramref name="target"/>; false on a gap (the log was trimmed).</summary>
    private async Task<bool> CatchUpAsync(long target, CancellationToken cancellationToken)
    {
        while (Version < target)
        {
            var members = await _store.ReadChangesAsync(Version, ChangeBatch, cancellationToken).ConfigureAwait(false);
            if (members.Length == 0)
                return false;

            lock (_writeLock)
            {
                var version = _version;
                var complete = ApplyAll(members, ref version, _labels, _from, _policies, ref _prefixes);
                Volatile.Write(ref _version, version);
                if (!complete)
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Applies change-log members in order, skipping those at or below <paramref name="version"/>, and advances it.
    /// False when a member is missing (a gap): the caller must reload in full.
    /// </summary>
    private bool ApplyAll(RedisValue[] members, ref long version, SingleWriterMap labels, SingleWriterMap from, SingleWriterMap policies, ref PrefixSet prefixes)
    {
        foreach (var member in members)
        {
            var text = (string?)member ?? "";
            if (!ChangeEntry.TryParse(text, out var entry))
            {
                // An entry this build cannot read still takes its version, so the log stays contiguous.
                Log.BadEntry(_logger, text);
                var bar = text.IndexOf('|', StringComparison.Ordinal);
                if (bar <= 0 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var skipped))
                    return false;
                if (skipped == version + 1)
                    version = skipped;
                else if (skipped > version)
                    return false;
                continue;
            }

            if (entry.Version <= version)
                continue;
            if (entry.Version != version + 1)
                return false;
            Apply(entry, labels, from, policies, ref prefixes);
            version = entry.Version;
        }

        return true;
    }

    private void OnNotice(RedisChannel channel, RedisValue message)
    {
        // "epoch version|kind|…": applied here when it is the very next change, else the sync task catches up.
        var text = (string?)message ?? "";
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !ChangeEntry.TryParse(text.AsSpan(space + 1), out var entry))
        {
            Wake();
            return;
        }

        lock (_writeLock)
        {
            var epoch = text.AsSpan(0, space);
            var first = _epoch.Length == 0 && _version == 0; // an empty Redis gets its epoch with its first change
            if (_loaded && !_reloading && entry.Version == _version + 1 && (epoch.SequenceEqual(_epoch) || first))
            {
                if (first)
                    _epoch = epoch.ToString();
                Apply(entry, _labels, _from, _policies, ref _prefixes);
                Volatile.Write(ref _version, entry.Version);
                return;
            }

            if (entry.Version <= _version && epoch.SequenceEqual(_epoch))
                return;
        }

        Wake();
    }

    private static void Apply(in ChangeEntry entry, SingleWriterMap labels, SingleWriterMap from, SingleWriterMap policies, ref PrefixSet prefixes)
    {
        switch (entry.Kind)
        {
            case ChangeKind.LabelSet:
                SetLabel(labels, from, entry.Subject, entry.Label);
                break;
            case ChangeKind.LabelRemoved:
                labels.Remove(entry.Subject);
                from.Remove(entry.Subject);
                break;
            case ChangeKind.PolicySet when entry.Policy.IsSet:
                policies.Set(entry.Subject, Packing.Pack(entry.Policy));
                break;
            case ChangeKind.PolicySet:
                policies.Remove(entry.Subject);
                break;
            case ChangeKind.PrefixSet:
                Volatile.Write(ref prefixes, prefixes.With(entry.Rule));
                break;
            case ChangeKind.PrefixRemoved:
                Volatile.Write(ref prefixes, prefixes.Without(entry.Rule.Prefix, entry.Rule.Length));
                break;
        }
    }

    // The label's event-time start is written before the label itself (a lookup reads the label first, then the
    // start), so a reader that sees a new auto label also sees when it acts from.
    private static void SetLabel(SingleWriterMap labels, SingleWriterMap from, ulong number, in LabelInfo label)
    {
        if (label.FromMs > 0)
            from.Set(number, (ulong)label.FromMs);
        else
            from.Remove(number);
        labels.Set(number, Packing.Pack(label));
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (ObjectDisposedException)
            {
                // Disposed while a notice was in flight.
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
        => MarkDegraded($"{e.ConnectionType} connection to {e.EndPoint} failed: {e.FailureType}");

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Wake();

    // Any replica call, on any thread, the moment one attempt fails; before the first load the sync task's own mark
    // (logged once per sync) stands, so a retried attempt adds no log line.
    private void OnRedisUnavailable(Exception e)
    {
        if (!_degraded)
            MarkDegraded(e.GetType().Name + ": " + e.Message);
    }

    private void MarkDegraded(string reason)
    {
        var was = _degraded;
        _degraded = true;
        // Once per outage; before the first load on every attempt, since nothing is being served yet.
        if (!was || !IsLoaded)
            Log.Degraded(_logger, Version, reason);
    }

    private void MarkInSync()
    {
        var previous = Interlocked.Exchange(ref _lastSyncMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
        if (_degraded)
        {
            _degraded = false;
            if (previous > 0)
                Log.Recovered(_logger, Version);
        }
    }
}
