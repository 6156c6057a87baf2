using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Faults;

/// <summary>Everything one <c>bench --faults</c> run measured, as written to <c>--json</c> and rendered into the results file.</summary>
internal sealed record FaultBenchReport
{
    public required string Command { get; init; }

    public required string Commit { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required double TotalSeconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string LoadAverageAtStart { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    public required long RecordsPerScenario { get; init; }

    public required int Partitions { get; init; }

    public required double Rate { get; init; }

    public required int PartitionBufferSize { get; init; }

    public required int MaxBatchSize { get; init; }

    public required IReadOnlyList<FaultResult> Scenarios { get; init; }

    public long Missing => Scenarios.Sum(s => s.Missing);

    public bool Held => Scenarios.All(s => s.Held);
}
