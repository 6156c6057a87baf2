namespace FraudStream.LoadTest.Faults;

/// <summary>How a scenario's cluster differs from the configured service.</summary>
[Flags]
internal enum FaultSetup
{
    None = 0,

    /// <summary>
    /// The label replica's breaker scaled down as in the test suite (resync every 1 s, 300 ms per call, a 2 s sampling
    /// window, open for 1 s), so a pause of a few seconds opens and closes it.
    /// </summary>
    ScaledBreaker = 1,

    /// <summary>A model whose voice calls score NaN in place of the configured one (<see cref="NanModel"/>).</summary>
    NanModel = 2,

    /// <summary>The pipeline runs as <c>fraudstream run</c> child processes (<see cref="ServiceChild"/>), not in this process.</summary>
    Processes = 4,

    /// <summary>
    /// The pipelines are not audited (<see cref="DeliveryAudit"/>): every missing record counts as FraudStream's. For the
    /// overload, whose bound on the live heap is what the pipeline may hold, while the audit's evidence grows with the records.
    /// </summary>
    Unaudited = 8,
}
