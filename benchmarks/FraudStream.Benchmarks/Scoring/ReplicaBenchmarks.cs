using BenchmarkDotNet.Attributes;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;
using StackExchange.Redis;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// The replica's hot path at 1M labels, loaded from a private redis-server through the real full load:
/// a label lookup that hits (1 in 8 labels has an expiry, so the clock is read for those), one that misses,
/// the longest-prefix match and the policy lookup. Each invocation does <see cref="Batch"/> lookups over
/// shuffled numbers, so the figures include cache misses a real stream of callers would cause.
/// </summary>
[MemoryDiagnoser]
public class ReplicaBenchmarks
{
    private const int Labels = 1_000_000;
    private const int Batch = 1024;

    private PrivateRedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private BlocklistReplica _replica = null!;
    private ulong[] _hits = null!;
    private ulong[] _misses = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _server = PrivateRedisServer.Start();
        _redis = RedisConnector.Connect(new RedisOptions { Configuration = _server.Configuration });
        var options = new BlocklistOptions();
        _hits = LabelSeeder.Numbers(Labels, LabelSeeder.HitBase, seed: 1);
        _misses = LabelSeeder.Numbers(Labels, LabelSeeder.MissBase, seed: 2);
        LabelSeeder.SeedAsync(_redis, options, _hits).GetAwaiter().GetResult();
        var store = new LabelStore(_redis, options);
        store.AddPrefixAsync(new PrefixRule(882, 3, LabelAction.Warn, LabelCategory.Fraud), "international networks", "bench").GetAwaiter().GetResult();
        store.AddPrefixAsync(new PrefixRule(88213, 5, LabelAction.Block, LabelCategory.Wangiri), "IRSF", "bench").GetAwaiter().GetResult();
        store.SetPolicyAsync(_hits[0], true, false, "bench").GetAwaiter().GetResult();

        _replica = new BlocklistReplica(_redis, options);
        _replica.StartAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token).GetAwaiter().GetResult();
        if (_replica.LabelCount != Labels)
            throw new InvalidOperationException($"replica holds {_replica.LabelCount} labels, expected {Labels}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _replica.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis.Dispose();
        _server.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int LabelHit()
    {
        var found = 0;
        var start = Advance();
        for (var i = 0; i < Batch; i++)
        {
            if (_replica.TryGetLabel(_hits[start + i], out var label))
                found += (int)label.Action;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int LabelMiss()
    {
        var found = 0;
        var start = Advance();
        for (var i = 0; i < Batch; i++)
        {
            if (_replica.TryGetLabel(_misses[start + i], out _))
                found++;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int PrefixMatch()
    {
        var found = 0;
        var start = Advance();
        for (var i = 0; i < Batch; i++)
        {
            // Half the numbers fall in the 88213 range; all are 12 digits.
            var number = (i & 1) == 0 ? 882130000000 + (_hits[start + i] % 10_000_000) : 861300000000 + (_hits[start + i] % 10_000_000);
            if (_replica.TryMatchPrefix(number, 12, out var rule))
                found += rule.Length;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Policy()
    {
        var found = 0;
        var start = Advance();
        for (var i = 0; i < Batch; i++)
        {
            if (_replica.GetPolicy(_hits[start + i]).BlockOverseas)
                found++;
        }

        return found;
    }

    private int Advance()
    {
        if (_next + Batch > Labels)
            _next = 0;
        var start = _next;
        _next += Batch;
        return start;
    }
}
