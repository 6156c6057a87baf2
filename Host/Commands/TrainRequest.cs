using FraudStream.Host.Hosting;

namespace FraudStream.Host.Commands;

/// <summary>The validated arguments of <c>fraudstream train</c>.</summary>
internal sealed record TrainRequest(int? Simulate, FileInfo? Data, FileInfo? Truth, int Seed, int Population, double TestFraction, int Rounds, int MaxDepth, double Eta, FileInfo Output)
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
        if (Rounds is < 1 or > 2000)
            throw new UsageException($"--rounds {Rounds}: expected 1 to 2000");
        if (MaxDepth is < 1 or > 16)
            throw new UsageException($"--max-depth {MaxDepth}: expected 1 to 16");
        if (Eta is <= 0 or > 1)
            throw new UsageException($"--eta {Eta}: expected more than 0 and at most 1");
        if (!Output.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--out {Output.Name}: the model file must end in .json");
        if (Output.Directory is { Exists: false } directory)
            throw new UsageException($"--out {Output.FullName}: the folder {directory.FullName} does not exist");
    }
}
