using BenchmarkDotNet.Attributes;
using FraudStream.Scoring.Model;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// The cost of scoring one row with the XGBoost classifier, called once per row versus once per batch of
/// 1024 rows. Both report time per row (OperationsPerInvoke), so the columns compare directly.
/// </summary>
[MemoryDiagnoser]
public class XGBoostBenchmarks
{
    private const int Features = 16;
    private const int Rows = 1024;

    private readonly float[] _probabilities = new float[Rows];
    private float[] _rows = null!;
    private XGBoostModel _model = null!;

    /// <summary>100 trees of depth 6 over 16 features (the shape of the first shipped model; see Host/models/README.md for today's), on a noisy label so the trees grow to full depth.</summary>
    [GlobalSetup]
    public void TrainModel()
    {
        const int trainingRows = 20_000;
        var random = new Random(42);
        var training = RandomRows(random, trainingRows);
        var labels = new float[trainingRows];
        for (var r = 0; r < trainingRows; r++)
        {
            var row = training.AsSpan(r * Features, Features);
            labels[r] = row[0] + row[3] + (0.5f * row[5] * row[9]) + ((random.NextSingle() - 0.5f) * 0.6f) > 1.1f ? 1f : 0f;
        }

        _model = XGBoostTrainer.Train(training, trainingRows, Features, labels, new XGBoostTrainingOptions { Rounds = 100, MaxDepth = 6 });
        _rows = RandomRows(random, Rows);
    }

    [GlobalCleanup]
    public void DisposeModel() => _model.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public float PredictOnePerRow()
    {
        var sum = 0f;
        for (var r = 0; r < Rows; r++)
            sum += _model.PredictOne(_rows.AsSpan(r * Features, Features));
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public float PredictBatchOf1024()
    {
        _model.PredictBatch(_rows, Rows, _probabilities);
        return _probabilities[Rows - 1];
    }

    private static float[] RandomRows(Random random, int count)
    {
        var rows = new float[count * Features];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = random.NextSingle();
        return rows;
    }
}
