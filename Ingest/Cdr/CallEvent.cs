namespace FraudStream.Ingest.Cdr;

/// <summary>
/// One validated, normalised CDR v1 record: what every later stage (features, detectors, the model)
/// sees. Held by value; its record id refers to the bytes it was decoded from until a string is asked for.
/// </summary>
public readonly record struct CallEvent
{
    /// <summary>The carrier's id of the record, unique per record (redeliveries repeat it).</summary>
    public required RecordId RecordId { get; init; }

    /// <summary>A 64-bit hash of <see cref="RecordId"/>, for de-duplication and state keys.</summary>
    public required ulong RecordHash { get; init; }

    public required CallType Type { get; init; }

    public required PhoneNumber Caller { get; init; }

    public required PhoneNumber Callee { get; init; }

    /// <summary>Event time: the start of the call or the sending of the SMS, Unix milliseconds UTC.</summary>
    public required long StartTimeMs { get; init; }

    /// <summary>Seconds from setup to answer or release; 0 when not reported.</summary>
    public float RingSec { get; init; }

    /// <summary>Seconds of conversation; 0 for unanswered calls and SMS.</summary>
    public float DurationSec { get; init; }

    /// <summary>Whether the callee answered (always false for SMS).</summary>
    public bool Answered { get; init; }

    /// <summary>The caller withheld its number (CLIR).</summary>
    public bool CliRestricted { get; init; }

    /// <summary>The caller's handset IMEI as a number; 0 when not reported.</summary>
    public ulong Imei { get; init; }

    /// <summary>A hash of the serving cell id; 0 when not reported.</summary>
    public ulong CellHash { get; init; }

    /// <summary>Caller or callee is outside the home country.</summary>
    public bool International { get; init; }
}
