namespace FraudStream.Simulator;

/// <summary>What a record emitted by <see cref="TrafficSimulator"/> is.</summary>
public enum RecordOrigin
{
    /// <summary>A valid CDR v1 record, emitted for the first time.</summary>
    Original,

    /// <summary>A byte-identical repeat of an earlier record (same recordId).</summary>
    Duplicate,

    /// <summary>A deliberately broken record, for dead-letter handling.</summary>
    Malformed,
}
