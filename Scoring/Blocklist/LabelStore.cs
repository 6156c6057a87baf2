using System.Globalization;
using Polly;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// The write side of the blocklist, and its source of truth: labels, subscriber policies and prefix rules in
/// Redis. Every change is one Lua script that also bumps the version, appends to the change log and the audit
/// trail and publishes a change notice (layout: Scoring/Blocklist/README.md). Used by <c>fraudstream labels</c>
/// and by the pipeline's closed loop (<c>auto</c> labels with an expiry).
/// </summary>
public sealed partial class LabelStore
{
    private const int ImportChunk = 500;

    private readonly IConnectionMultiplexer _redis;
    private readonly BlocklistOptions _options;
    private readonly BlocklistKeys _keys;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;

    // Becomes the blocklist's epoch if this store makes the first change in an empty Redis.
    private readonly string _epochCandidate = Guid.NewGuid().ToString("N");

    /// <param name="redis">The process's shared connection.</param>
    /// <param name="options">Key prefix, log lengths, timeouts; defaults when null.</param>
    /// <param name="time">The clock for creation times, expiry and audit entries; the system clock when null.</param>
    /// <param name="pipeline">Wraps every Redis call; <see cref="BlocklistResilience.ForWrites"/> when null.</param>
    public LabelStore(IConnectionMultiplexer redis, BlocklistOptions? options = null, TimeProvider? time = null, ResiliencePipeline? pipeline = null)
    {
        _redis = redis;
        _options = options ?? new BlocklistOptions();
        _keys = new BlocklistKeys(_options.KeyPrefix);
        _time = time ?? TimeProvider.System;
        _pipeline = pipeline ?? BlocklistResilience.ForWrites(_options);
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Labels a number, replacing any label it had. Returns the blocklist version of the change, or 0 when a
    /// <see cref="LabelSource.RiskModel"/> label yielded to a live label from another source (which stays as it was).
    /// </summary>
    /// <exception cref="ArgumentException">The request is invalid (bad number, allow/action mismatch, expiry in the past).</exception>
    public async Task<long> AddAsync(LabelRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var args = AddArguments(request, actor);
        var result = await ChangeAsync(BlocklistScripts.AddLabel, [_keys.Label(request.Number), _keys.Expiry], args, actor, cancellationToken).ConfigureAwait(false);
        return (long)result;
    }

    /// <summary>
    /// Labels many numbers, pipelined (each still its own atomic change). Every request is validated before
    /// anything is written. Returns how many were written: a <see cref="LabelSource.RiskModel"/> label that yielded to
    /// a live label from another source is not.
    /// </summary>
    public async Task<int> ImportAsync(IEnumerable<LabelRequest> requests, string actor, CancellationToken cancellationToken = default)
    {
        var batch = new List<(RedisKey Label, RedisValue[] Args)>();
        foreach (var request in requests)
            batch.Add((_keys.Label(request.Number), AddArguments(request, actor)));

        var written = 0;
        for (var start = 0; start < batch.Count; start += ImportChunk)
        {
            var chunk = batch.GetRange(start, Math.Min(ImportChunk, batch.Count - start));
            var writes = new Task<RedisResult>[chunk.Count];
            for (var i = 0; i < chunk.Count; i++)
                writes[i] = ChangeAsync(BlocklistScripts.AddLabel, [chunk[i].Label, _keys.Expiry], chunk[i].Args, actor, cancellationToken);
            await Task.WhenAll(writes).ConfigureAwait(false);
            foreach (var write in writes)
                written += (long)write.Result == 0 ? 0 : 1;
        }

        return written;
    }

    /// <summary>Removes a number's label because <paramref name="reason"/> (a debt paid, an appeal won). False when it had none.</summary>
    public async Task<bool> RemoveAsync(ulong number, string reason, string actor, CancellationToken cancellationToken = default)
    {
        CheckNumber(number);
        var result = await ChangeAsync(
            BlocklistScripts.RemoveLabel, [_keys.Label(number), _keys.Expiry], [BlocklistKeys.Digits(number), reason], actor, cancellationToken).ConfigureAwait(false);
        return (long)result != 0;
    }

    /// <summary>The number's label with its reason, or null when it has none or it has expired.</summary>
    public async Task<LabelRecord?> GetAsync(ulong number, CancellationToken cancellationToken = default)
    {
        var fields = await RunAsync(static (db, key) => db.HashGetAllAsync(key), _keys.Label(number), cancellationToken).ConfigureAwait(false);
        if (fields.Length == 0)
            return null;

        string? Field(string name)
        {
            foreach (var entry in fields)
            {
                if (entry.Name == name)
                    return entry.Value;
            }

            return null;
        }

        var label = TryParseRecord(number, Field("cat"), Field("src"), Field("act"), Field("exp"), Field("reason"), Field("created"), Field("actor"));
        if (label is not null && long.TryParse(Field("from"), NumberStyles.None, CultureInfo.InvariantCulture, out var from))
            label = label with { FromMs = from };
        return label is null || label.Info.IsExpiredAt(NowMs) ? null : label;
    }

    /// <summary>The reason text of a number's label (for explanations; not on the hot path), or null.</summary>
    public async Task<string?> GetReasonAsync(ulong number, CancellationToken cancellationToken = default)
    {
        var reason = await RunAsync(static (db, key) => db.HashGetAsync(key, "reason"), _keys.Label(number), cancellationToken).ConfigureAwait(false);
        return reason.IsNull ? null : (string?)reason;
    }

    /// <summary>Up to <paramref name="limit"/> unexpired labels, optionally of one category, ordered by number.</summary>
    /// <remarks>Walks the key space with SCAN; a rare category in a large blocklist costs a full walk.</remarks>
    public async Task<IReadOnlyList<LabelRecord>> ListAsync(LabelCategory? category = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var labels = new List<LabelRecord>();
        var now = NowMs;
        var filter = category is { } c ? LabelNames.Name(c) : "";
        var cursor = "0";
        do
        {
            var step = await ScanAsync(BlocklistScripts.ScanLabels, cursor, filter, cancellationToken).ConfigureAwait(false);
            cursor = step.Cursor;
            var items = step.Items;
            for (var i = 1; i + 8 < items.Length; i += 9)
            {
                if (!ulong.TryParse((string?)items[i], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    continue;
                var label = TryParseRecord(number, (string?)items[i + 1], (string?)items[i + 2], (string?)items[i + 3], (string?)items[i + 4],
                    (string?)items[i + 5], (string?)items[i + 6], (string?)items[i + 7]);
                if (label is not null && long.TryParse((string?)items[i + 8], NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                    label = label with { FromMs = from };
                if (label is not null && !label.Info.IsExpiredAt(now))
                    labels.Add(label);
            }
        }
        while (cursor != "0" && labels.Count < limit);

        labels.Sort(static (a, b) => a.Number.CompareTo(b.Number));
        return labels.Count > limit ? labels.GetRange(0, limit) : labels;
    }

    /// <summary>
    /// Removes up to <paramref name="max"/> labels whose expiry has passed, each as its own change with an
    /// <c>expire</c> audit entry. The replica runs this on every resync; any instance may, concurrently.
    /// </summary>
    public async Task<int> SweepExpiredAsync(int max = 1000, CancellationToken cancellationToken = default)
    {
        var result = await ChangeAsync(BlocklistScripts.SweepExpired, [_keys.Expiry], [max], "sweep", cancellationToken).ConfigureAwait(false);
        return (int)result;
    }

    private RedisValue[] AddArguments(LabelRequest request, string actor)
    {
        CheckNumber(request.Number);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var action = request.EffectiveAction;
        if (LabelNames.CheckAction(request.Category, action) is { } problem)
            throw new ArgumentException(problem, nameof(request));

        long expires = 0;
        if (request.ExpiresAt is { } at)
        {
            expires = at.ToUnixTimeMilliseconds();
            if (expires <= NowMs)
                throw new ArgumentException($"expiry {at:O} is not in the future", nameof(request));
            if (expires > LabelInfo.MaxExpiresMs)
                throw new ArgumentException($"expiry {at:O} is too far in the future", nameof(request));
        }

        long from = 0;
        if (request.From is { } after)
        {
            if (request.Source != LabelSource.Auto)
                throw new ArgumentException("only auto labels act from an event time; a label set by people acts at once", nameof(request));
            from = after.ToUnixTimeMilliseconds();
            if (from <= 0)
                throw new ArgumentException($"from {after:O} is not after 1970", nameof(request));
        }

        return
        [
            BlocklistKeys.Digits(request.Number),
            LabelNames.Name(request.Category),
            LabelNames.Name(request.Source),
            LabelNames.Name(action),
            request.Reason ?? "",
            expires,
            from,
        ];
    }

    private static void CheckNumber(ulong number)
    {
        // E.164: at most 15 digits, never a leading zero, so never 0.
        if (number is 0 or >= 1_000_000_000_000_000)
            throw new ArgumentOutOfRangeException(nameof(number), number, "not an E.164 number (1 to 15 digits)");
    }

    private static LabelRecord? TryParseRecord(ulong number, string? cat, string? src, string? act, string? exp, string? reason, string? created, string? actor)
    {
        if (!LabelNames.TryParse(cat, out LabelCategory category) || !LabelNames.TryParse(src, out LabelSource source)
            || !LabelNames.TryParse(act, out LabelAction action))
        {
            return null;
        }

        _ = long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires);
        _ = long.TryParse(created, NumberStyles.None, CultureInfo.InvariantCulture, out var createdMs);
        return new LabelRecord(number, category, source, action, reason ?? "", createdMs, expires, actor ?? "");
    }

    private Task<RedisResult> ChangeAsync(string script, RedisKey[] keys, RedisValue[] args, string actor, CancellationToken cancellationToken)
    {
        var allKeys = new RedisKey[BlocklistScripts.CommonKeys + keys.Length];
        allKeys[0] = _keys.Epoch;
        allKeys[1] = _keys.Version;
        allKeys[2] = _keys.Changes;
        allKeys[3] = _keys.Audit;
        keys.CopyTo(allKeys, BlocklistScripts.CommonKeys);

        var allArgs = new RedisValue[BlocklistScripts.CommonArgs + args.Length];
        allArgs[0] = _epochCandidate;
        allArgs[1] = (string?)_keys.Channel;
        allArgs[2] = _options.ChangeLogLength;
        allArgs[3] = _options.AuditLength;
        allArgs[4] = _options.NumberAuditLength;
        allArgs[5] = _keys.Prefix;
        allArgs[6] = NowMs;
        allArgs[7] = actor;
        args.CopyTo(allArgs, BlocklistScripts.CommonArgs);

        return RunAsync(static (db, s) => db.ScriptEvaluateAsync(s.script, s.allKeys, s.allArgs), (script, allKeys, allArgs), cancellationToken);
    }

    private async Task<(string Cursor, RedisResult[] Items)> ScanAsync(string script, string cursor, string category, CancellationToken cancellationToken)
    {
        RedisValue[] args = [cursor, _options.LoadBatchSize, _keys.Prefix, category];
        var result = await RunAsync(static (db, s) => db.ScriptEvaluateAsync(s.script, null, s.args), (script, args), cancellationToken).ConfigureAwait(false);
        var items = (RedisResult[])result!;
        return ((string?)items[0] ?? "0", items);
    }

    /// <summary>Runs one Redis call through the resilience pipeline; the pipeline's timeout abandons the wait (StackExchange.Redis calls take no token).</summary>
    private async Task<TResult> RunAsync<TState, TResult>(Func<IDatabase, TState, Task<TResult>> call, TState state, CancellationToken cancellationToken)
    {
        return await _pipeline.ExecuteAsync(
            static async (s, token) => await s.call(s.db, s.state).WaitAsync(token).ConfigureAwait(false),
            (call, db: _redis.GetDatabase(), state),
            cancellationToken).ConfigureAwait(false);
    }
}
