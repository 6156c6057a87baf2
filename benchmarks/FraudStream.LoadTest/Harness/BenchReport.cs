namespace FraudStream.LoadTest.Harness;

/// <summary>Everything one run measured, as written to <c>--json</c> and rendered into the results file.</summary>
internal sealed record BenchReport
{
    public required string Command { get; init; }

    public required string Commit { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required double TotalSeconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string LoadAverageAtStart { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    public required bool Quick { get; init; }

    public required string Broker { get; init; }

    public required int Partitions { get; init; }

    public required PreloadResult Preload { get; init; }

    public required Usage Raw { get; init; }

    public required PipelineResult Pipeline { get; init; }

    /// <summary>Phase B's allocations by type, sampled (<c>--allocations</c>); null when not asked for.</summary>
    public IReadOnlyList<AllocatedType>? Allocations { get; init; }

    /// <summary>Phase C, one entry per rate; the first is the (half the maximum, or <c>--rate</c>).</summary>
    public required IReadOnlyList<LatencyResult> Latency { get; init; }

    public required BaselineResult Baselines { get; init; }

    public required IReadOnlyList<ScalingRow> Scaling { get; init; }

    /// <summary>The plot's file name, beside the results file; null when none was drawn.</summary>
    public string? Plot { get; init; }

    public IReadOnlyList<Goal> Goals => BenchGoals.Evaluate(this);
}

/// <summary>Phase B: the pipeline's use of the process while it drained the pre-loaded topic, and what it did.</summary>
internal sealed record PipelineResult(
    Usage Usage,
    double RatioToRaw,
    long Records,
    long Events,
    long DeadLettered,
    long Duplicates,
    /// <summary>Re-keyed records the callee stage read and scored; the copies of calls abroad it only remembers are not counted.</summary>
    long CalleeRecords,
    long Alerts,
    long AutoLabels,
    /// <summary>Times a partition's fetching was paused because its buffer was full (both stages).</summary>
    long Pauses);

/// <summary>One of the goals, how this run did against it, and whether it was met.</summary>
internal sealed record Goal(string Name, string Target, string Measured, bool Met);
