using System.Runtime.InteropServices;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Training;

/// <summary>
/// Labelled feature rows built by the very <see cref="FeatureExtractor"/> the stream uses (no train/serve
/// skew): each event becomes its caller's outbound features, labelled 1 when the caller is a suspect.
/// Numbers, not events, are split between training and test (a hash of the number and the seed), so no
/// number's later events leak into the test of its earlier ones.
/// </summary>
public sealed class TrainingSet
{
    private readonly FeatureOptions _options;
    private readonly ushort _homeCountryCode;
    private readonly TruthSet _all = new();
    private FeatureExtractor _extractor;
    private TruthSet _truth;
    private readonly int _testPerMille;
    private readonly ulong _seed;
    private readonly List<float> _trainRows = [];
    private readonly List<float> _trainLabels = [];
    private readonly List<float> _testRows = [];
    private readonly List<float> _testLabels = [];
    private readonly List<ulong> _testCallers = [];
    private FeatureVector _features;

    public TrainingSet(TruthSet truth, FeatureOptions options, ushort homeCountryCode, double testFraction, ulong seed)
    {
        _options = options;
        _homeCountryCode = homeCountryCode;
        _testPerMille = (int)Math.Round(testFraction * 1000);
        _seed = seed;
        _truth = truth;
        _all.Merge(truth);
        _extractor = NewExtractor();
    }

    /// <summary>The truth of every world added so far.</summary>
    public TruthSet Truth => _all;

    /// <summary>Worlds added (domain randomisation: each its own simulation with its own truth).</summary>
    public int Worlds { get; private set; } = 1;

    public int TrainCount => _trainLabels.Count;

    public int TestCount => _testLabels.Count;

    public ReadOnlySpan<float> TrainRows => CollectionsMarshal.AsSpan(_trainRows);

    public ReadOnlySpan<float> TrainLabels => CollectionsMarshal.AsSpan(_trainLabels);

    public ReadOnlySpan<float> TestRows => CollectionsMarshal.AsSpan(_testRows);

    public ReadOnlySpan<float> TestLabels => CollectionsMarshal.AsSpan(_testLabels);

    /// <summary>The caller of each test row, for per-number evaluation.</summary>
    public IReadOnlyList<ulong> TestCallers => _testCallers;

    /// <summary>Adds one event, in event-time order per caller as the stream would see it.</summary>
    public void Add(in CallEvent e)
    {
        _extractor.Apply(e, ref _features);
        var label = _truth.IsSuspect(e.Caller.Value) ? 1f : 0f;
        if (IsTest(e.Caller.Value))
        {
            _testRows.AddRange(_features.AsSpan());
            _testLabels.Add(label);
            _testCallers.Add(e.Caller.Value);
        }
        else
        {
            _trainRows.AddRange(_features.AsSpan());
            _trainLabels.Add(label);
        }
    }

    /// <summary>
    /// Starts another world: the events added next are another simulation's, from its start, labelled by
    /// <paramref name="truth"/>, with fresh feature state (the stream never mixes two worlds' numbers or clocks).
    /// </summary>
    public void StartWorld(TruthSet truth)
    {
        _truth = truth;
        _all.Merge(truth);
        _extractor = NewExtractor();
        Worlds++;
    }

    private FeatureExtractor NewExtractor() => new(Side.Outbound, _options, new PairRecency(_options.PairTableBits), _homeCountryCode);

    private bool IsTest(ulong number)
    {
        var h = (number ^ _seed) * 0x9E3779B97F4A7C15UL;
        return (int)((h >> 40) % 1000) < _testPerMille;
    }
}
