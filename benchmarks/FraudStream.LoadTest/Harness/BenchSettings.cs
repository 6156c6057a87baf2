namespace FraudStream.LoadTest.Harness;

/// <summary>What one <c>fraudstream bench</c> run does, from its options; <see cref="Validate"/> says what is wrong in one line.</summary>
public sealed record BenchSettings
{
    public const long DefaultCount = 5_000_000;
    public const long QuickCount = 200_000;
    public const long MinCount = 10_000;
    public const long MaxCount = 50_000_000;

    /// <summary>
    /// CDRs per partition, on average, that the embedded broker keeps for sure. librdkafka's mock cluster (2.16 as 2.0.2) keeps
    /// at most 5 MiB of record batches per partition and silently drops the oldest beyond that; zstd packs simulated
    /// CDRs to about 44 bytes each (≈118,000 per partition, measured). Keys are callers and some callers call a lot,
    /// so partitions fill unevenly: at 100,000 on average the fullest of 50 overflowed; 80,000 leaves that margin.
    /// </summary>
    public const long EmbeddedRecordsPerPartition = 80_000;

    public bool Quick { get; init; }

    /// <summary>Sample what phase B allocates, by type (<see cref="AllocationSampler"/>).</summary>
    public bool Allocations { get; init; }

    /// <summary>CDRs pre-loaded and drained (phases A and B).</summary>
    public long Count { get; init; } = DefaultCount;

    /// <summary>A real cluster; null for the embedded one.</summary>
    public string? Bootstrap { get; init; }

    /// <summary>Open-loop rate (phase C); null for half the measured pipeline maximum.</summary>
    public int? Rate { get; init; }

    /// <summary>Partitions of the bench topics; null to size them from <see cref="Count"/>.</summary>
    public int? Partitions { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>Markdown file the results are appended to (with the plot beside it); null for <see cref="HistoryDirectory"/> or none.</summary>
    public string? ResultsPath { get; init; }

    /// <summary>
    /// Where the run history is (benchmarks/history/) when <see cref="ResultsPath"/> is null: the results are appended to the
    /// file of the run's month there, the plot beside it (<see cref="RunHistory"/>); null for nothing appended.
    /// </summary>
    public string? HistoryDirectory { get; init; }

    /// <summary>Whether the results are appended anywhere (and a plot drawn).</summary>
    public bool AppendsResults => ResultsPath is not null || HistoryDirectory is not null;

    public int Seed { get; init; } = 42;

    /// <summary>The command line as typed, for the results.</summary>
    public string CommandLine { get; init; } = "fraudstream bench";

    /// <summary>Seconds of open-loop traffic in phase C, per rate.</summary>
    public int LatencySeconds => Quick ? 8 : 30;

    /// <summary>
    /// Phase C's rates as fractions of the measured pipeline maximum: the half, and (full run) a tenth,
    /// which shows the latency of the path itself apart from queueing. <c>--rate</c> replaces both.
    /// </summary>
    public IReadOnlyList<double> LatencyFractions => Quick ? [0.5] : [0.5, 0.1];

    /// <summary>Filler labels in the pipeline's Redis (phase B): the replica is realistically large.</summary>
    public int PipelineLabels => Quick ? 10_000 : 1_000_000;

    /// <summary>Events of the naive baseline (phase E), about 100 µs each.</summary>
    public int BaselineEvents => Quick ? 2_000 : 20_000;

    /// <summary>Events timed per scaling row (phase D), after the row's numbers are tracked.</summary>
    public int ScalingEvents => Quick ? 200_000 : 2_000_000;

    /// <summary>(tracked numbers, labels) per scaling row: the tracked-number sweep at one label count, then the label sweep.</summary>
    public IReadOnlyList<(int Tracked, int Labels)> ScalingRows => Quick
        ? [(10_000, 1_000), (100_000, 1_000)]
        : [(10_000, 1_000_000), (100_000, 1_000_000), (1_000_000, 1_000_000), (10_000_000, 1_000_000), (1_000_000, 1_000), (1_000_000, 10_000_000)];

    public int EffectivePartitions => Partitions ?? (int)Math.Max(6, (Count + EmbeddedRecordsPerPartition - 1) / EmbeddedRecordsPerPartition);

    public string? Validate()
    {
        if (Count is < MinCount or > MaxCount)
            return $"--count {Count}: expected {MinCount} to {MaxCount}";
        if (Rate is < 100 or > 10_000_000)
            return $"--rate {Rate}: expected 100 to 10000000 records per second";
        if (Partitions is < 1 or > 1000)
            return $"--partitions {Partitions}: expected 1 to 1000";
        if (Bootstrap is null && Count > (long)EffectivePartitions * EmbeddedRecordsPerPartition)
            return $"--count {Count} with --partitions {EffectivePartitions}: the embedded broker keeps at most about {EmbeddedRecordsPerPartition:N0} CDRs per partition (librdkafka's mock keeps 5 MiB per partition); give at least {(Count + EmbeddedRecordsPerPartition - 1) / EmbeddedRecordsPerPartition} partitions or --bootstrap";
        return BenchOutputs.Validate(Seed, JsonPath, ResultsPath);
    }
}
