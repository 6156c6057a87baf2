using Microsoft.ML;
using Microsoft.ML.Data;

namespace FraudStream.Scoring.Tests.Model;

/// <summary>ML.NET's own scoring of a model zip, row by row through <c>PredictionEngine</c>: the reference the compiled forest must equal.</summary>
internal sealed class MlNetReference
{
    private readonly PredictionEngine<Input, Output> _engine;
    private readonly Input _input = new();
    private Output _output = new();

    public MlNetReference(string modelPath, int featureCount)
    {
        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(modelPath, out _);
        var schema = SchemaDefinition.Create(typeof(Input));
        schema[nameof(Input.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        _engine = ml.Model.CreatePredictionEngine<Input, Output>(transformer, inputSchemaDefinition: schema);
        _input.Features = new float[featureCount];
    }

    public float Probability(ReadOnlySpan<float> row)
    {
        row.CopyTo(_input.Features);
        _engine.Predict(_input, ref _output);
        return _output.Probability;
    }

    public float Score(ReadOnlySpan<float> row)
    {
        row.CopyTo(_input.Features);
        _engine.Predict(_input, ref _output);
        return _output.Score;
    }

    private sealed class Input
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class Output
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }
}
