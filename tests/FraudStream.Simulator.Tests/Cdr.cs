namespace FraudStream.Simulator.Tests;

/// <summary>A CDR v1 record as a consumer reads it back from JSON.</summary>
internal sealed record Cdr(
    string RecordId,
    string Type,
    string Caller,
    string Callee,
    DateTimeOffset StartTime,
    double RingSec,
    double DurationSec,
    bool Answered,
    string? Imei,
    string? CellId,
    bool CliRestricted)
{
    public bool IsVoice => Type == "voice";

    public bool IsSms => Type == "sms";

    /// <summary>Local hour of day in the record's own offset.</summary>
    public int Hour => StartTime.Hour;
}
