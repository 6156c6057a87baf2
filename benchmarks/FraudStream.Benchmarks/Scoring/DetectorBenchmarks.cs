using BenchmarkDotNet.Attributes;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Features;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// The eight rule detectors over one event (both sides) into a <see cref="Decision"/>, on features of
/// ordinary traffic (most rules return at their first test) and of a flood (every rule reads its features).
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private const int Batch = 4096;
    private readonly DetectorSet _rules = DetectorSet.Standard(new PairRecency(16));
    private readonly Thresholds _thresholds = Thresholds.Default;
    private CallEvent[] _events = null!;
    private FeatureVector[] _outbound = null!;
    private FeatureVector[] _inbound = null!;

    [Params(false, true)]
    public bool Flood { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var outbound = new FeatureExtractor(Side.Outbound, new FeatureOptions(), new PairRecency(20));
        var inbound = new FeatureExtractor(Side.Inbound, new FeatureOptions(), new PairRecency(20));
        var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        var random = new Random(7);
        _events = new CallEvent[Batch];
        _outbound = new FeatureVector[Batch];
        _inbound = new FeatureVector[Batch];
        for (var i = 0; i < Batch; i++)
        {
            // A flood: few callers, one victim per 64 calls, unanswered; otherwise random answered calls.
            var e = Flood
                ? FeatureBenchmarks.Event(i % 8, i / 64, start + (i * 200)) with { Answered = false, DurationSec = 0, CellHash = 5 }
                : FeatureBenchmarks.Event(random.Next(100_000), random.Next(100_000), start + (i * 10));
            _events[i] = e;
            outbound.Apply(e, ref _outbound[i]);
            inbound.Apply(e, ref _inbound[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Detect()
    {
        var detections = 0;
        for (var i = 0; i < _events.Length; i++)
        {
            var decision = new Decision();
            _rules.DetectOutbound(_events[i], _outbound[i], _thresholds, ref decision);
            _rules.DetectInbound(_events[i], _inbound[i], _thresholds, ref decision);
            detections += decision.Count;
        }

        return detections;
    }
}
