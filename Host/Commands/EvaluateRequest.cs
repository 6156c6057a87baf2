using FraudStream.Host.Hosting;
using FraudStream.Scoring.Detectors;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Model;
using FraudStream.Simulator;

namespace FraudStream.Host.Commands;

/// <summary>The arguments of <c>fraudstream evaluate</c>.</summary>
internal sealed record EvaluateRequest(FileInfo? Model, FileInfo? Thresholds, string World, int Records, int Population, int Actors, int Seed, double HistoryDays)
{
    public EvaluateRequest Validated()
    {
        if (World is not ("held-out" or "standard"))
            throw new UsageException($"--world {World}: expected held-out or standard");
        if (Records is < 10_000 or > 20_000_000)
            throw new UsageException($"--records {Records}: expected 10000 to 20000000");
        if (Population is < SimulationOptions.MinPopulation or > SimulationOptions.MaxPopulation)
            throw new UsageException($"--population {Population}: expected {SimulationOptions.MinPopulation} to {SimulationOptions.MaxPopulation}");
        if (Actors is < 1 or > 1000)
            throw new UsageException($"--actors {Actors}: expected 1 to 1000 per kind");
        if (Seed < 0)
            throw new UsageException($"--seed {Seed}: expected 0 or more");
        if (HistoryDays is < 0 or > 14 || double.IsNaN(HistoryDays))
            throw new UsageException($"--history-days {HistoryDays}: expected 0 to 14");
        if (Model is { Exists: false })
            throw new UsageException($"--model {Model.FullName}: no such file");
        if (Thresholds is { Exists: false })
            throw new UsageException($"--thresholds {Thresholds.FullName}: no such file");
        return this;
    }

    public SimulationOptions Simulation() => new()
    {
        Seed = (ulong)Seed,
        Population = Population,
        Variation = World == "held-out" ? TrafficVariation.HeldOut : TrafficVariation.Standard,
        Fraud = [.. FraudKinds.All.Select(k => new FraudSpec(k, Actors, 1))],
    };

    public FraudModel LoadModel()
    {
        var path = Model?.FullName ?? ScoringOptions.Resolve(new ScoringOptions().ModelPath);
        try
        {
            return FraudModel.Load(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"--model {path}: {e.Message}");
        }
    }

    public Thresholds LoadThresholds()
    {
        var path = Thresholds?.FullName ?? ScoringOptions.Resolve(new ScoringOptions().ThresholdsPath);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--thresholds {path}: {e.Message}");
        }

        return ThresholdsFile.TryParse(json, out var error) ?? throw new UsageException($"--thresholds {path}: {error}");
    }
}
