namespace FraudStream.LoadTest.Faults;

/// <summary>
/// One scenario of the fault matrix: its name on the command line, the issue 7 item it covers, what it does once a
/// quarter of the traffic is consumed (returning when the fault is healed), and the duplicates it may cause.
/// </summary>
internal sealed record FaultScenario(string Name, string Item, string Description, Func<FaultCluster, Task> Inject, DuplicateBound Bound)
{
    /// <summary>The producer sends everything at once instead of at the scenario rate, and the heap and lag are sampled.</summary>
    public bool Overload { get; init; }

    /// <summary>Every record is produced (at once) before the fault, so that the fault reaches the pipeline's clients only.</summary>
    public bool Backlog { get; init; }

    /// <summary>
    /// The traffic lasts at least this long: at a small <c>--records</c> it is sent in smaller bursts than the scenario
    /// rate, so that records keep arriving all through a fault of a few seconds and after it. Null: the scenario rate.
    /// </summary>
    public TimeSpan? MinTraffic { get; init; }

    /// <summary>How the scenario's cluster differs from the configured service (a scaled-down breaker, a NaN model).</summary>
    public FaultSetup Setup { get; init; } = FaultSetup.None;

    /// <summary>Checks after the ledger, with every instance stopped: what the scenario expects of the decisions and statistics.</summary>
    public Action<FaultCluster, DeliveryLedger>? Verify { get; init; }
}
