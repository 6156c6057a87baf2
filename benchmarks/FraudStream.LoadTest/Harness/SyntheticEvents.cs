using FraudStream.Ingest.Cdr;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Calls between numbers chosen by index, for the scaling phase, where millions of distinct numbers must be
/// tracked (simulating 10M subscribers' traffic through Kafka would take far longer than scoring it).
/// Tracked callers are +86 138 0xxx xxxx; callees +86 139 xxxx xxxx.
/// </summary>
internal static class SyntheticEvents
{
    public const ulong CallerBase = 8613800000000;
    public const ulong CalleeBase = 8613900000000;

    public static CallEvent Call(ulong caller, long callee, long startMs) => new()
    {
        RecordId = "bench",
        RecordHash = 1,
        Type = CallType.Voice,
        Caller = new PhoneNumber(caller, 13, 86),
        Callee = new PhoneNumber(CalleeBase + (ulong)callee, 13, 86),
        StartTimeMs = startMs,
        Answered = true,
        DurationSec = 42,
        RingSec = 4,
    };
}
