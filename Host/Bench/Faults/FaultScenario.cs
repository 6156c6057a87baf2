namespace FraudStream.Host.Bench.Faults;

/// <summary>
/// One scenario of the fault matrix: its name on the command line, the issue 7 item it covers, what it does once a
/// quarter of the traffic is consumed (returning when the fault is healed), and the duplicates it may cause.
/// </summary>
internal sealed record FaultScenario(string Name, string Item, string Description, Func<FaultCluster, Task> Inject, DuplicateBound Bound)
{
    /// <summary>The producer sends everything at once instead of at the scenario rate, and the heap and lag are sampled.</summary>
    public bool Overload { get; init; }

    /// <summary>Needs the private redis-server killed and restarted.</summary>
    public bool KillsRedis { get; init; }
}
