namespace FraudStream.Ingest.Cdr;

/// <summary>Why a record was dead-lettered. <see cref="CdrErrors.Code"/> gives the wire name used in DLQ headers.</summary>
public enum CdrError : byte
{
    None,
    NotJson,
    TooLarge,
    MissingField,
    WrongType,
    BadValue,
    BadNumber,
    BadTime,
    AbsurdValue,
    DuplicateField,

    /// <summary>A frame of the callee topic (Ingest/Frames) that does not decode.</summary>
    BadFrame,
}
