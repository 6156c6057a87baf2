namespace FraudStream.Ingest.Frames;

/// <summary>
/// The layout of a frame: many records re-keyed by the caller stage in one Kafka message of the callee topic
/// (docs/frames.md). Little-endian, fixed-size fields, then the record id.
/// <code>
/// frame  : magic "FSF" (3) | version (1) = 1 | source partition u16 | source partitions u16 (0: no ordering keys) | record count u32 | records
/// record : recordHash u64 | caller value u64, digits u8, country code u16 | callee (the same 11 bytes) | startTimeMs i64
///          | ringSec f32 | durationSec f32 | imei u64 | cellHash u64 | event flags u8 | hint flags u8
///          | order key i64 | flood mark i64 | pursuit f32 | recordId length u16 | recordId UTF-8
/// </code>
/// Event flags: bit 0 SMS (else voice), bit 1 answered, bit 2 CLI restricted, bit 3 international; the other bits are 0.
/// Hint flags: <see cref="HintFlags"/>; unknown bits are kept, not refused.
/// </summary>
public static class FrameFormat
{
    /// <summary>Header (empty value) that marks a Kafka message of the callee topic as a frame.</summary>
    public const string Header = "fraudstream-frame";

    /// <summary>The version this build writes and the only one it reads.</summary>
    public const byte Version = 1;

    public const int HeaderLength = 12;

    /// <summary>Bytes of a record before its record id.</summary>
    public const int FixedRecordLength = 86;

    /// <summary>The longest record id a frame holds, in UTF-8 bytes (CDR v1 allows 64 characters).</summary>
    public const int MaxRecordIdBytes = 1024;

    /// <summary>The shortest record: a one-byte record id.</summary>
    public const int MinRecordLength = FixedRecordLength + 1;

    /// <summary>A writer starts a new frame past this size, well below Kafka's default 1 MB message limit.</summary>
    public const int TargetFrameBytes = 256 * 1024;

    internal const byte Sms = 1, Answered = 2, CliRestricted = 4, International = 8, KnownEventFlags = 15;

    internal static ReadOnlySpan<byte> Magic => "FSF"u8;
}
