namespace FraudStream.Ingest.Cdr;

/// <summary>The CDR v1 fields the decoder reads, as bit flags so that seen and required sets are one integer each.</summary>
[Flags]
internal enum CdrField : ushort
{
    Unknown = 0,
    RecordId = 1 << 0,
    Type = 1 << 1,
    Caller = 1 << 2,
    Callee = 1 << 3,
    StartTime = 1 << 4,
    RingSec = 1 << 5,
    DurationSec = 1 << 6,
    Answered = 1 << 7,
    Imei = 1 << 8,
    CellId = 1 << 9,
    CliRestricted = 1 << 10,
}
