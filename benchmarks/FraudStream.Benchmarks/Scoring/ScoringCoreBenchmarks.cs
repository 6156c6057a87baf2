using BenchmarkDotNet.Attributes;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Redis;
using StackExchange.Redis;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// The scoring core per event, decode excluded: label replica lookups (1M labels loaded from a real
/// redis-server), streaming features over 1M tracked numbers, every rule detector, and the shipped ML.NET
/// model (its compiled forest) called once per batch of 1,024 events. The goal: ≥ 1M events/s on one core, 0 B per event.
/// </summary>
[MemoryDiagnoser]
public class ScoringCoreBenchmarks
{
    private const int Labels = 1_000_000;
    private const int Tracked = 1_000_000;
    private const int Batch = 1024;
    // 1M distinct events replayed in turn: a smaller pool (64 batches, as first written) lets the slots of its
    // few callers stay in the CPU's caches between replays, which flatters the 1M-number table.
    private const int Batches = 1024;

    private PrivateRedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private BlocklistReplica _replica = null!;
    private ThresholdsProvider _thresholds = null!;
    private FraudModel _model = null!;
    private PartitionScorer _scorer = null!;
    private CallEvent[] _events = null!;
    private readonly Decision[] _decisions = new Decision[Batch];
    private int _next;

    [Params(false, true)]
    public bool WithModel { get; set; }

    /// <summary>
    /// Whether the pair memory reaches back a day before the stream, as in a service running that long: harassment's
    /// pursuits then start at unwanted first contacts (the events' 42 s calls are short), and every later event of a
    /// pair looks its pursuit up in the 8 MB table (<see cref="PursuitMemory"/>). Off, the table is never allocated.
    /// </summary>
    [Params(false, true)]
    public bool ArmedPursuits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = PrivateRedisServer.Start();
        _redis = RedisConnector.Connect(new RedisOptions { Configuration = _server.Configuration });
        var options = new BlocklistOptions();
        var labelled = LabelSeeder.Numbers(Labels, LabelSeeder.HitBase, seed: 1);
        LabelSeeder.SeedAsync(_redis, options, labelled).GetAwaiter().GetResult();
        _replica = new BlocklistReplica(_redis, options);
        _replica.StartAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token).GetAwaiter().GetResult();

        var thresholdsFile = Path.Combine(Path.GetTempPath(), "fraudstream-bench-thresholds.json");
        File.WriteAllText(thresholdsFile, ThresholdsFile.Serialize(Thresholds.Default));
        _thresholds = new ThresholdsProvider(thresholdsFile);
        _model = FraudModel.Load(FindModel());
        var services = new ScoringServices(_replica, _thresholds, WithModel ? _model : null, new FeatureOptions());
        _scorer = new PartitionScorer(services, Side.Outbound);

        // Track 1M callers first, then score a stream in which a tenth of the callers are labelled.
        var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        var warm = new CallEvent[Batch];
        if (ArmedPursuits)
            _scorer.Score([FeatureBenchmarks.Event(Tracked + 1, Tracked + 1, start - (25 * 3_600_000L))], _decisions);
        for (var i = 0; i < Tracked; i += Batch)
        {
            for (var j = 0; j < Batch; j++)
                warm[j] = FeatureBenchmarks.Event(i + j, (i + j) * 7919L % Tracked, start);
            _scorer.Score(warm, _decisions);
        }

        if (ArmedPursuits != (services.CallerPursuits.Bytes > 0))
            throw new InvalidOperationException($"pursuits armed: {ArmedPursuits}, table allocated: {services.CallerPursuits.Bytes} B");

        var random = new Random(3);
        _events = new CallEvent[Batch * Batches];
        for (var i = 0; i < _events.Length; i++)
        {
            var e = FeatureBenchmarks.Event(random.Next(Tracked), random.Next(Tracked), start + 1000 + i);
            _events[i] = i % 10 == 0 ? e with { Caller = new PhoneNumber(labelled[random.Next(Labels)], 13, 86) } : e;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _thresholds.Dispose();
        _replica.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis.Dispose();
        _server.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public DecisionAction ScoreBatch()
    {
        var batch = _events.AsSpan((_next++ % Batches) * Batch, Batch);
        _scorer.Score(batch, _decisions);
        return _decisions[Batch - 1].Action;
    }

    internal static string FindModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Host", "models", "default-model.zip");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException("Host/models/default-model.zip not found above " + AppContext.BaseDirectory);
    }
}
