using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Faults;

/// <summary>What one <c>fraudstream bench --faults</c> run does, from its options; <see cref="Validate"/> says what is wrong in one line.</summary>
public sealed record FaultBenchSettings
{
    public const long DefaultRecords = 300_000;
    public const long MinRecords = 1_000;
    public const long MaxRecords = 2_000_000;

    /// <summary>
    /// CDRs per partition a scenario's topics are sized for. The embedded broker keeps 5 MiB per partition and drops
    /// older batches silently; the fullest topic is the decisions (lz4 JSON, written in the pipeline's small batches),
    /// so 20,000 records per partition on average leaves room for partitions filling unevenly. Every run checks
    /// that nothing was dropped.
    /// </summary>
    public const long RecordsPerPartition = 20_000;

    /// <summary>Simulated CDRs per scenario.</summary>
    public long Records { get; init; } = DefaultRecords;

    /// <summary>Records per second while a fault is injected (sent as a burst a second; the overload sends all at once).</summary>
    public double Rate { get; init; } = 20_000;

    /// <summary>Scenario names to run; empty for all.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public string? JsonPath { get; init; }

    /// <summary>Markdown file the results are appended to; null for <see cref="HistoryDirectory"/> or none.</summary>
    public string? ResultsPath { get; init; }

    /// <summary>
    /// Where the run history is (benchmarks/history/) when <see cref="ResultsPath"/> is null: the results are appended to the
    /// file of the run's month there (<see cref="RunHistory"/>); null for nothing appended.
    /// </summary>
    public string? HistoryDirectory { get; init; }

    public int Seed { get; init; } = 42;

    public string CommandLine { get; init; } = "fraudstream bench --faults";

    /// <summary>The names <see cref="Scenarios"/> may hold, in the order the whole matrix runs them.</summary>
    public static IReadOnlyList<string> ScenarioNames { get; } = [.. FaultScenarios.All.Select(static s => s.Name)];

    public int Partitions => (int)Math.Max(6, (Records + RecordsPerPartition - 1) / RecordsPerPartition);

    public string? Validate()
    {
        if (Records is < MinRecords or > MaxRecords)
            return $"--records {Records}: expected {MinRecords} to {MaxRecords}";
        foreach (var name in Scenarios)
        {
            if (FaultScenarios.Find(name) is null)
                return $"--scenario {name}: unknown, expected one of {string.Join(", ", FaultScenarios.All.Select(s => s.Name))}";
        }

        return BenchOutputs.Validate(Seed, JsonPath, ResultsPath);
    }
}
