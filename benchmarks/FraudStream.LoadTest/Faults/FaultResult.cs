namespace FraudStream.LoadTest.Faults;

/// <summary>One scenario's ledger as <c>bench --faults</c> reports it; <see cref="Failure"/> says why a run did not finish.</summary>
internal sealed record FaultResult(
    string Scenario,
    string Item,
    string Fault,
    long Records,
    long Valid,
    long Decided,
    long DeadLettered,
    long Malformed,
    long Missing,
    long NotForwarded,
    long Duplicates,
    long DuplicateBound,
    long Dropped,
    double Seconds,
    OverloadResult? Overload,
    string? Failure)
{
    /// <summary>What the scenario observed beyond the ledger (partitions lost, breaker openings, degraded decisions).</summary>
    public string? Observed { get; init; }

    /// <summary>Outputs the broker lost after acknowledging them as persisted (<see cref="DeliveryLedger.BrokerLost"/>): reported, not FraudStream's.</summary>
    public long BrokerLost { get; init; }

    /// <summary>Of <see cref="BrokerLost"/>, those acknowledged without an offset.</summary>
    public long BrokerLostWithoutOffset { get; init; }

    /// <summary>The broker's losses in one line with a few examples; null when none.</summary>
    public string? BrokerLoss { get; init; }

    /// <summary>Whether the ledger had the pipelines' delivery evidence to attribute losses (not for child processes nor the overload).</summary>
    public bool Audited { get; init; }

    /// <summary>Nothing missing by FraudStream's doing, nothing dropped by the broker's retention, duplicates within the bound, and for the overload the heap within its bound and the lag back to 0.</summary>
    public bool Held => Failure is null && Records > 0 && Missing == 0 && NotForwarded == 0 && Dropped == 0 && Duplicates <= DuplicateBound
                        && (Overload is null || (Overload.MaxHeapBytes <= Overload.BoundHeapBytes && Overload.LagAfter == 0));
}

