using BenchmarkDotNet.Attributes;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Features;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// Feature update per event (state lookup, decay, window updates, pair table, feature vector) with the
/// state table holding 10k to 10M numbers: throughput should stay flat as the table grows.
/// </summary>
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private const int Batch = 4096;
    private FeatureExtractor _extractor = null!;
    private CallEvent[] _events = null!;
    private FeatureVector _features;

    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int TrackedNumbers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _extractor = new FeatureExtractor(Side.Outbound, new FeatureOptions(), new PairRecency(22), expectedNumbers: TrackedNumbers);
        var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        for (var i = 0; i < TrackedNumbers; i++)
            _extractor.Apply(Event(i, i * 7919L % TrackedNumbers, start), ref _features);

        var random = new Random(7);
        _events = new CallEvent[Batch];
        for (var i = 0; i < Batch; i++)
            _events[i] = Event(random.Next(TrackedNumbers), random.Next(TrackedNumbers), start + (i * 10));
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float Apply()
    {
        for (var i = 0; i < _events.Length; i++)
        {
            if (i + 8 < _events.Length)
                _extractor.Prefetch(_events[i + 8]);
            _extractor.Apply(_events[i], ref _features);
        }
        return _features[Feature.Calls1h];
    }

    internal static CallEvent Event(long caller, long callee, long startMs) => new()
    {
        RecordId = "r",
        RecordHash = 1,
        Type = CallType.Voice,
        Caller = new PhoneNumber(8613800000000UL + (ulong)caller, 13, 86),
        Callee = new PhoneNumber(8613900000000UL + (ulong)callee, 13, 86),
        StartTimeMs = startMs,
        Answered = true,
        DurationSec = 42,
        RingSec = 4,
    };
}
