using BenchmarkDotNet.Attributes;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Training;
using FraudStream.Simulator;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// The shipped model per row, on feature rows of simulated traffic: ML.NET's <c>PredictionEngine</c> (the reference)
/// against the compiled forest one row at a time and over a batch of 1,024, and an alert's explanation (exact TreeSHAP);
/// plus loading the model zip. Per-row benchmarks report time per row (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class ForestBenchmarks
{
    private const int Rows = 1024;

    private readonly float[] _probabilities = new float[Rows];
    private readonly float[] _contributions = new float[Feature.Count + 1];
    private string _path = null!;
    private FraudModel _model = null!;
    private float[] _rows = null!;
    private PredictionEngine<Input, Output> _engine = null!;
    private Input _input = null!;
    private Output _output = new();

    [GlobalSetup]
    public void Setup()
    {
        _path = ScoringCoreBenchmarks.FindModel();
        _model = FraudModel.Load(_path);
        _rows = SimulatedRows(Rows);

        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(_path, out _);
        var schema = SchemaDefinition.Create(typeof(Input));
        schema[nameof(Input.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Feature.Count);
        _engine = ml.Model.CreatePredictionEngine<Input, Output>(transformer, inputSchemaDefinition: schema);
        _input = new Input { Features = new float[Feature.Count] };
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public float PredictionEnginePerRow()
    {
        var sum = 0f;
        for (var r = 0; r < Rows; r++)
        {
            _rows.AsSpan(r * Feature.Count, Feature.Count).CopyTo(_input.Features);
            _engine.Predict(_input, ref _output);
            sum += _output.Probability;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public float CompiledForestPerRow()
    {
        var sum = 0f;
        for (var r = 0; r < Rows; r++)
            sum += _model.PredictOne(_rows.AsSpan(r * Feature.Count, Feature.Count));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public float CompiledForestBatchOf1024()
    {
        _model.PredictBatch(_rows, Rows, _probabilities);
        return _probabilities[Rows - 1];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public float TreeShapPerRow()
    {
        var sum = 0f;
        for (var r = 0; r < Rows; r++)
        {
            _model.PredictContributions(_rows.AsSpan(r * Feature.Count, Feature.Count), _contributions);
            sum += _contributions[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1)]
    public int LoadModel() => FraudModel.Load(_path).TreeCount;

    // The rows the stream computes from simulated traffic (fraud included): the branches the trees really take.
    private static float[] SimulatedRows(int count)
    {
        var simulator = new TrafficSimulator(new SimulationOptions { Seed = 3, Population = 5_000, ExpectedRecords = 200_000 });
        var decoder = new CdrDecoder();
        var set = new TrainingSet(new TruthSet(), new FeatureOptions(), 86, testFraction: 0, seed: 3);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < 200_000; i++)
        {
            simulator.Next();
            if (decoder.Decode(simulator.Record, now, out var e).IsOk)
                set.Add(e);
        }

        // The last rows: the features have history by then.
        return set.TrainRows[^(count * Feature.Count)..].ToArray();
    }

    public sealed class Input
    {
        public float[] Features { get; set; } = [];
    }

    public sealed class Output
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }
}
