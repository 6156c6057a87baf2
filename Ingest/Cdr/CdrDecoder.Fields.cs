using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace FraudStream.Ingest.Cdr;

public sealed partial class CdrDecoder
{
    private const int MaxRecordIdLength = 64;
    private const int MaxShortString = 64;

    private static CdrField Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
            return IdentifyEscaped(ref reader);

        // One length switch and at most three comparisons instead of a chain of eleven.
        var name = reader.ValueSpan;
        return name.Length switch
        {
            4 => name.SequenceEqual("type"u8) ? CdrField.Type : name.SequenceEqual("imei"u8) ? CdrField.Imei : CdrField.Unknown,
            6 => name.SequenceEqual("caller"u8) ? CdrField.Caller
                : name.SequenceEqual("callee"u8) ? CdrField.Callee
                : name.SequenceEqual("cellId"u8) ? CdrField.CellId : CdrField.Unknown,
            7 => name.SequenceEqual("ringSec"u8) ? CdrField.RingSec : CdrField.Unknown,
            8 => name.SequenceEqual("recordId"u8) ? CdrField.RecordId : name.SequenceEqual("answered"u8) ? CdrField.Answered : CdrField.Unknown,
            9 => name.SequenceEqual("startTime"u8) ? CdrField.StartTime : CdrField.Unknown,
            11 => name.SequenceEqual("durationSec"u8) ? CdrField.DurationSec : CdrField.Unknown,
            13 => name.SequenceEqual("cliRestricted"u8) ? CdrField.CliRestricted : CdrField.Unknown,
            _ => CdrField.Unknown,
        };
    }

    private static CdrField IdentifyEscaped(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("recordId"u8)) return CdrField.RecordId;
        if (reader.ValueTextEquals("type"u8)) return CdrField.Type;
        if (reader.ValueTextEquals("caller"u8)) return CdrField.Caller;
        if (reader.ValueTextEquals("callee"u8)) return CdrField.Callee;
        if (reader.ValueTextEquals("startTime"u8)) return CdrField.StartTime;
        if (reader.ValueTextEquals("ringSec"u8)) return CdrField.RingSec;
        if (reader.ValueTextEquals("durationSec"u8)) return CdrField.DurationSec;
        if (reader.ValueTextEquals("answered"u8)) return CdrField.Answered;
        if (reader.ValueTextEquals("imei"u8)) return CdrField.Imei;
        if (reader.ValueTextEquals("cellId"u8)) return CdrField.CellId;
        if (reader.ValueTextEquals("cliRestricted"u8)) return CdrField.CliRestricted;
        return CdrField.Unknown;
    }

    private static string Name(CdrField field) => field switch
    {
        CdrField.RecordId => "recordId",
        CdrField.Type => "type",
        CdrField.Caller => "caller",
        CdrField.Callee => "callee",
        CdrField.StartTime => "startTime",
        CdrField.RingSec => "ringSec",
        CdrField.DurationSec => "durationSec",
        CdrField.Answered => "answered",
        CdrField.Imei => "imei",
        CdrField.CellId => "cellId",
        CdrField.CliRestricted => "cliRestricted",
        _ => "field",
    };

    private static DecodeResult ReadRecordId(ref Utf8JsonReader reader, byte[]? owner, int ownerStart, out RecordId recordId, out ulong recordHash)
    {
        (recordId, recordHash) = (default, 0);
        if (reader.TokenType != JsonTokenType.String)
            return WrongType(CdrField.RecordId, "a string");
        var utf8 = reader.ValueSpan;
        if (utf8.Length > MaxRecordIdLength * 6)
            return Fail(CdrError.BadValue, $"recordId must be 1-{MaxRecordIdLength} characters");

        // Written without escapes and valid UTF-8 (what GetString would accept): the id stays in the message's
        // bytes; checked and hashed as the string it stands for, so that both ways give the same verdict and hash.
        if (owner is not null && !reader.ValueIsEscaped && !reader.HasValueSequence && Utf8.IsValid(utf8))
        {
            var length = Encoding.UTF8.GetCharCount(utf8);
            Span<char> chars = stackalloc char[MaxRecordIdLength];
            if (length is 0 or > MaxRecordIdLength || chars[..Encoding.UTF8.GetChars(utf8, chars)].IsWhiteSpace())
                return Fail(CdrError.BadValue, $"recordId must be 1-{MaxRecordIdLength} characters, not blank");

            recordId = new RecordId(owner, ownerStart + (int)reader.TokenStartIndex + 1, utf8.Length);
            recordHash = RecordHash.Of(chars[..length]);
            return DecodeResult.Ok;
        }

        var text = reader.GetString()!;
        if (text.Length is 0 or > MaxRecordIdLength || string.IsNullOrWhiteSpace(text))
            return Fail(CdrError.BadValue, $"recordId must be 1-{MaxRecordIdLength} characters, not blank");
        recordId = new RecordId(text);
        recordHash = RecordHash.Of(text);
        return DecodeResult.Ok;
    }

    private static DecodeResult ReadType(ref Utf8JsonReader reader, out CallType type)
    {
        type = CallType.Voice;
        if (reader.TokenType != JsonTokenType.String)
            return WrongType(CdrField.Type, "a string");
        if (reader.ValueTextEquals("voice"u8))
            return DecodeResult.Ok;
        if (reader.ValueTextEquals("sms"u8))
        {
            type = CallType.Sms;
            return DecodeResult.Ok;
        }

        return Fail(CdrError.BadValue, "type must be \"voice\" or \"sms\"");
    }

    private DecodeResult ReadNumber(ref Utf8JsonReader reader, CdrField field, out PhoneNumber number)
    {
        number = default;
        if (reader.TokenType != JsonTokenType.String)
            return WrongType(field, "a string");
        if (reader.ValueSpan.Length > MaxShortString)
            return Fail(CdrError.BadNumber, $"{Name(field)} is too long to be a phone number");

        Span<byte> buffer = stackalloc byte[MaxShortString];
        var text = reader.ValueIsEscaped ? buffer[..reader.CopyString(buffer)] : reader.ValueSpan;
        var error = PhoneNumberParser.TryParse(text, _home, out number);
        return error == PhoneNumberError.None
            ? DecodeResult.Ok
            : Fail(CdrError.BadNumber, $"{Name(field)} is not a phone number ({NumberProblem(error)})");
    }

    private static DecodeResult ReadTime(ref Utf8JsonReader reader, out long unixMs)
    {
        unixMs = 0;
        if (reader.TokenType != JsonTokenType.String)
            return WrongType(CdrField.StartTime, "an RFC 3339 string");
        if (reader.ValueSpan.Length > MaxShortString)
            return Fail(CdrError.BadTime, "startTime is not RFC 3339 with an offset");

        Span<byte> buffer = stackalloc byte[MaxShortString];
        var text = reader.ValueIsEscaped ? buffer[..reader.CopyString(buffer)] : reader.ValueSpan;
        return Rfc3339.TryParse(text, out unixMs)
            ? DecodeResult.Ok
            : Fail(CdrError.BadTime, "startTime is not RFC 3339 with an offset, e.g. 2026-03-02T09:15:04+08:00");
    }

    private static DecodeResult ReadSeconds(ref Utf8JsonReader reader, CdrField field, double max, out double seconds)
    {
        seconds = 0;
        if (reader.TokenType != JsonTokenType.Number)
            return WrongType(field, "a number");
        if (!reader.TryGetDouble(out seconds) || double.IsInfinity(seconds))
            return Fail(CdrError.AbsurdValue, $"{Name(field)} is out of range");
        if (seconds < 0)
            return Fail(CdrError.BadValue, $"{Name(field)} must not be negative");
        return seconds > max ? Fail(CdrError.AbsurdValue, $"{Name(field)} is over {max} s") : DecodeResult.Ok;
    }

    private static DecodeResult ReadBool(ref Utf8JsonReader reader, CdrField field, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return value || reader.TokenType == JsonTokenType.False ? DecodeResult.Ok : WrongType(field, "true or false");
    }

    private static DecodeResult ReadImei(ref Utf8JsonReader reader, out ulong imei)
    {
        imei = 0;
        if (reader.TokenType != JsonTokenType.String)
            return WrongType(CdrField.Imei, "a string of 14-16 digits");
        var digits = reader.ValueSpan;
        if (reader.ValueIsEscaped || digits.Length is < 14 or > 16)
            return Fail(CdrError.BadValue, "imei must be 14-16 digits");
        foreach (var c in digits)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
                return Fail(CdrError.BadValue, "imei must be 14-16 digits");
            imei = (imei * 10) + digit;
        }

        return DecodeResult.Ok;
    }

    private static DecodeResult ReadCell(ref Utf8JsonReader reader, out ulong cell)
    {
        cell = 0;
        if (reader.TokenType != JsonTokenType.String)
            return WrongType(CdrField.CellId, "a string");
        if (reader.ValueSpan.Length > MaxShortString)
            return Fail(CdrError.BadValue, $"cellId is longer than {MaxShortString} bytes");

        Span<byte> buffer = stackalloc byte[MaxShortString];
        var text = reader.ValueIsEscaped ? buffer[..reader.CopyString(buffer)] : reader.ValueSpan;
        if (!text.IsEmpty)
            cell = RecordHash.Of(text);
        return DecodeResult.Ok;
    }

    private static string NumberProblem(PhoneNumberError error) => error switch
    {
        PhoneNumberError.Empty => "empty",
        PhoneNumberError.InvalidCharacter => "only digits after an optional + or 00",
        PhoneNumberError.TooShort => "fewer than 7 digits",
        PhoneNumberError.TooLong => "more than 15 digits",
        PhoneNumberError.UnknownCountryCode => "no such country calling code",
        _ => error.ToString(),
    };
}
