using System.Text.Json;

namespace FraudStream.Ingest.Cdr;

public sealed partial class CdrDecoder
{
    private const CdrField Required = CdrField.RecordId | CdrField.Type | CdrField.Caller | CdrField.Callee | CdrField.StartTime;

    // owner: the array message starts at ownerStart of, or null (the record id then always becomes a string).
    private DecodeResult DecodeObject(ReadOnlySpan<byte> message, byte[]? owner, int ownerStart, long nowUnixMs, out CallEvent callEvent)
    {
        callEvent = default;
        var reader = new Utf8JsonReader(message, s_readerOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return Fail(CdrError.NotJson, "a CDR is a JSON object");

        var seen = CdrField.Unknown;
        RecordId recordId = default;
        ulong recordHash = 0;
        var type = CallType.Voice;
        PhoneNumber caller = default, callee = default;
        long start = 0;
        double ring = 0, duration = 0;
        bool answered = false, cliRestricted = false;
        ulong imei = 0, cell = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            if (field != CdrField.Unknown && (seen & field) != 0)
                return Fail(CdrError.DuplicateField, $"{Name(field)} appears twice");
            seen |= field;
            reader.Read();

            var result = field switch
            {
                CdrField.RecordId => ReadRecordId(ref reader, owner, ownerStart, out recordId, out recordHash),
                CdrField.Type => ReadType(ref reader, out type),
                CdrField.Caller => ReadNumber(ref reader, field, out caller),
                CdrField.Callee => ReadNumber(ref reader, field, out callee),
                CdrField.StartTime => ReadTime(ref reader, out start),
                CdrField.RingSec => ReadSeconds(ref reader, field, MaxRingSec, out ring),
                CdrField.DurationSec => ReadSeconds(ref reader, field, MaxDurationSec, out duration),
                CdrField.Answered => ReadBool(ref reader, field, out answered),
                CdrField.CliRestricted => ReadBool(ref reader, field, out cliRestricted),
                CdrField.Imei => ReadImei(ref reader, out imei),
                CdrField.CellId => ReadCell(ref reader, out cell),
                _ => SkipUnknown(ref reader),
            };
            if (!result.IsOk)
                return result;
        }

        // Anything after the object (a second value, garbage) makes the reader throw here.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            return Fail(CdrError.NotJson, "content after the JSON object");

        var missing = Required & ~seen;
        if (missing != 0)
            return Missing(LowestField(missing));

        if (type == CallType.Voice)
        {
            if ((seen & CdrField.DurationSec) == 0)
                return Missing(CdrField.DurationSec);
            if ((seen & CdrField.Answered) == 0)
                return Missing(CdrField.Answered);
            if (!answered && duration > 0)
                return Fail(CdrError.BadValue, "durationSec must be 0 when answered is false");
        }
        else if (duration != 0)
        {
            return Fail(CdrError.BadValue, "durationSec must be absent or 0 for an sms");
        }

        if (start < MinStartTimeMs || start > nowUnixMs + MaxFutureMs)
            return Fail(CdrError.AbsurdValue, "startTime is before 2000 or more than a day in the future");

        callEvent = new CallEvent
        {
            RecordId = recordId,
            RecordHash = recordHash,
            Type = type,
            Caller = caller,
            Callee = callee,
            StartTimeMs = start,
            RingSec = (float)ring,
            DurationSec = (float)duration,
            Answered = type == CallType.Voice && answered,
            CliRestricted = cliRestricted,
            Imei = imei,
            CellHash = cell,
            International = caller.CountryCode != _home || callee.CountryCode != _home,
        };
        return DecodeResult.Ok;
    }

    private static CdrField LowestField(CdrField fields) => (CdrField)((ushort)fields & (ushort)-(short)fields);

    private static DecodeResult SkipUnknown(ref Utf8JsonReader reader)
    {
        // Unknown fields are ignored, whatever their shape; depth is bounded by the reader options.
        reader.Skip();
        return DecodeResult.Ok;
    }
}
