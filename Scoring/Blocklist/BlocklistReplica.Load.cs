using System.Diagnostics;

namespace FraudStream.Scoring.Blocklist;

// The full load: at start, and whenever catching up from the change log is impossible.
public sealed partial class BlocklistReplica
{
    private const int FullLoadAttempts = 3;

    /// <summary>
    /// Builds new tables from Redis beside the ones being served (lookups keep answering from those), replays
    /// the changes made while loading, and swaps the new tables in at once. Costs the memory of two copies
    /// while it runs.
    /// </summary>
    private async Task FullReloadAsync(CancellationToken cancellationToken)
    {
        lock (_writeLock)
            _reloading = true;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var clock = Stopwatch.StartNew();
                var (epoch, version) = await _store.ReadStateAsync(cancellationToken).ConfigureAwait(false);
                var labels = new SingleWriterMap(LabelCount);
                var from = new SingleWriterMap(Volatile.Read(ref _from).Count);
                var policies = new SingleWriterMap(PolicyCount);

                var labelBatch = new List<(ulong Number, LabelInfo Label)>(_options.LoadBatchSize);
                var policyBatch = new List<(ulong Subscriber, SubscriberPolicy Policy)>();
                var cursor = "0";
                do
                {
                    labelBatch.Clear();
                    policyBatch.Clear();
                    cursor = await _store.ScanReplicaAsync(cursor, labelBatch, policyBatch, cancellationToken).ConfigureAwait(false);
                    foreach (var (number, label) in labelBatch)
                        SetLabel(labels, from, number, label);
                    foreach (var (subscriber, policy) in policyBatch)
                    {
                        if (policy.IsSet)
                            policies.Set(subscriber, Packing.Pack(policy));
                    }
                }
                while (cursor != "0");

                var prefixes = new PrefixSet(await _store.LoadPrefixRulesAsync(cancellationToken).ConfigureAwait(false));

                // Changes made while the scan ran are replayed on top; each entry carries the whole new state of
                // its subject, so replaying one the scan already saw changes nothing.
                var loaded = version;
                var complete = true;
                while (true)
                {
                    var members = await _store.ReadChangesAsync(loaded, ChangeBatch, cancellationToken).ConfigureAwait(false);
                    if (members.Length == 0)
                        break;
                    if (!ApplyAll(members, ref loaded, labels, from, policies, ref prefixes))
                    {
                        complete = false;
                        break;
                    }
                }

                if (!complete)
                {
                    if (attempt == FullLoadAttempts)
                        throw new InvalidOperationException($"Changes arrive faster than a full load can follow: the change log ({_options.ChangeLogLength} entries) was trimmed past the load's start {FullLoadAttempts} times; raise Blocklist:ChangeLogLength");
                    continue;
                }

                lock (_writeLock)
                {
                    Volatile.Write(ref _from, from);
                    Volatile.Write(ref _labels, labels);
                    Volatile.Write(ref _policies, policies);
                    Volatile.Write(ref _prefixes, prefixes);
                    Volatile.Write(ref _version, loaded);
                    _epoch = epoch;
                    Volatile.Write(ref _loaded, true);
                }

                Interlocked.Increment(ref _fullReloads);
                Log.FullLoad(_logger, labels.Count, policies.Count, prefixes.Count, loaded, clock.ElapsedMilliseconds);
                return;
            }
        }
        finally
        {
            lock (_writeLock)
                _reloading = false;
        }
    }
}
