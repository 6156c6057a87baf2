using FraudStream.Host.Hosting;
using FraudStream.Scoring.Model;

namespace FraudStream.Host.Commands;

/// <summary>The validated arguments of <c>fraudstream train</c>.</summary>
internal sealed record TrainRequest(int? Simulate, FileInfo? Data, FileInfo? Truth, int Seed, int Population, double TestFraction, string Trainer, int Trees, int Leaves, double LearningRate, double? PositiveWeight, FileInfo Output, int Worlds = 1, double Budget = 0.0001)
{
    public void Validate()
    {
        if (Data is not null && Simulate is not null)
            throw new UsageException("give either --simulate N or --data with --truth, not both");
        if ((Data is null) != (Truth is null))
            throw new UsageException("--data and --truth go together");
        if (Data is { Exists: false })
            throw new UsageException($"--data {Data.FullName}: no such file");
        if (Truth is { Exists: false })
            throw new UsageException($"--truth {Truth.FullName}: no such file");
        if (Simulate is < 10_000 or > 20_000_000)
            throw new UsageException($"--simulate {Simulate}: expected 10000 to 20000000");
        if (Seed < 0)
            throw new UsageException($"--seed {Seed}: expected 0 or more");
        if (Population is < 1_000 or > 2_000_000)
            throw new UsageException($"--population {Population}: expected 1000 to 2000000");
        if (TestFraction is < 0.05 or > 0.5)
            throw new UsageException($"--test-fraction {TestFraction}: expected 0.05 to 0.5");
        if (!ForestTrainingOptions.TryParseTrainer(Trainer, out _))
            throw new UsageException($"--trainer {Trainer}: expected lightgbm or fasttree");
        if (Trees is < 1 or > 2000)
            throw new UsageException($"--trees {Trees}: expected 1 to 2000");
        if (Leaves is < 2 or > 1024)
            throw new UsageException($"--leaves {Leaves}: expected 2 to 1024");
        if (LearningRate is <= 0 or > 1)
            throw new UsageException($"--learning-rate {LearningRate}: expected more than 0 and at most 1");
        if (PositiveWeight is { } weight && !(weight > 0 && weight <= 1000))
            throw new UsageException($"--positive-weight {weight}: expected more than 0 and at most 1000");
        if (Worlds is < 1 or > 64)
            throw new UsageException($"--worlds {Worlds}: expected 1 to 64");
        if (Budget is < 0 or > 0.5 || double.IsNaN(Budget))
            throw new UsageException($"--budget {Budget}: expected a share of legitimate numbers from 0 to 0.5");
        if (!Output.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--out {Output.Name}: the model file is an ML.NET model zip and must end in .zip");
        if (Output.Directory is { Exists: false } directory)
            throw new UsageException($"--out {Output.FullName}: the folder {directory.FullName} does not exist");
    }
}
