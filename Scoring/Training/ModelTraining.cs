using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Training;

/// <summary>Trains the fraud classifier on a <see cref="TrainingSet"/> and evaluates it on the held-out numbers.</summary>
public static class ModelTraining
{
    public static (FraudModel Model, Evaluation Evaluation) Train(TrainingSet data, ForestTrainingOptions options)
    {
        if (data.TrainCount == 0 || data.TestCount == 0)
            throw new InvalidOperationException($"Not enough data: {data.TrainCount} training and {data.TestCount} test rows.");

        var labels = data.TrainLabels;
        var positives = 0;
        foreach (var label in labels)
            positives += label > 0.5f ? 1 : 0;
        if (positives == 0)
            throw new InvalidOperationException("The training rows hold no fraud: check that the truth file matches the data.");

        // Fraud is rare: weigh positives up, by the square root of the imbalance (the full ratio flags too many
        // legitimate numbers at 0.5; measured with `fraudstream train`), unless the caller chose a weight.
        var weighted = options.PositiveWeight is null ? options with { PositiveWeight = Math.Sqrt((labels.Length - positives) / (double)positives) } : options;
        var model = ForestTrainer.Train(data.TrainRows, data.TrainCount, Features.Feature.Names, labels, weighted);

        var scores = new float[data.TestCount];
        model.PredictBatch(data.TestRows, data.TestCount, scores);
        return (model, Evaluation.Of(data, scores));
    }
}
