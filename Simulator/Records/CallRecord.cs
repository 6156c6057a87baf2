namespace FraudStream.Simulator.Records;

/// <summary>
/// The event being generated, before it becomes CDR v1 bytes. A mutable struct filled in place by a source,
/// so nothing is allocated per event. Numbers are E.164 digits held as integers (8613812345678).
/// </summary>
internal struct CallRecord
{
    /// <summary>Start time, simulated milliseconds since the run's start.</summary>
    public long TimeMs;
    public ulong Caller;
    public ulong Callee;
    public CallType Type;
    public bool Answered;
    public bool CliRestricted;

    /// <summary>Setup to answer or release, ms.</summary>
    public int RingMs;

    /// <summary>Talk time, whole seconds (billing granularity); 0 when unanswered and for SMS.</summary>
    public int DurationSec;

    /// <summary>The calling device's IMEI, 0 when the network does not know it (calls from other networks).</summary>
    public ulong Imei;

    /// <summary>The calling subscriber's serving cell, 0 when unknown.</summary>
    public uint CellId;

    /// <summary>Ground-truth ids (1-based; 0 = legitimate) of the caller and callee in this event.</summary>
    public int CallerTruth;
    public int CalleeTruth;
}
