namespace FraudStream.LoadTest.Faults;

/// <summary>
/// A delivery report as evidence: when it came (on the audit's sequence, shared with released offsets), whether the
/// client reported the record persisted without error, and the offset it gave (negative: none).
/// </summary>
internal readonly record struct Acknowledgement(long Sequence, bool Persisted, long Offset);
