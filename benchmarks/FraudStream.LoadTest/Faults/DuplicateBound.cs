namespace FraudStream.LoadTest.Faults;

/// <summary>How many repeated decisions and dead letters a scenario may show.</summary>
internal enum DuplicateBound
{
    /// <summary>None: no member loses or moves partitions, and the idempotent producers retry without repeating.</summary>
    None,

    /// <summary>At-least-once: what one instance may process again after a commit it could not make (buffers + 1 s of traffic).</summary>
    UncommittedWindow,

    /// <summary>
    /// Measured during the run (<see cref="FaultCluster.MeasuredBound"/>): what a stopped instance left uncommitted,
    /// at most processed again by the next one.
    /// </summary>
    Measured,
}
