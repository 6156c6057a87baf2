using System.Runtime.CompilerServices;
using System.Text;
using FraudStream.Simulator.Records;

namespace FraudStream.Simulator.Json;

/// <summary>
/// Writes one <see cref="CallRecord"/> as a CDR v1 JSON object, UTF-8, into a reused buffer: field names are
/// constant byte strings, numbers are written digit by digit, times come from <see cref="TimestampWriter"/>.
/// Nothing is allocated per record. Optional fields are written only when known (imei, cellId) or true
/// (cliRestricted); SMS carry neither durationSec nor answered.
/// </summary>
internal sealed class CdrJsonWriter
{
    /// <summary>Longer than any record this writer produces.</summary>
    public const int MaxRecordLength = 512;

    private readonly byte[] _buffer = new byte[MaxRecordLength];
    private readonly byte[] _idPrefix;
    private readonly byte[] _cellPrefix;
    private readonly TimestampWriter _time;
    private int _length;
    private int _keyStart;
    private int _keyLength;

    public CdrJsonWriter(ulong seed, DateTimeOffset start, int homeCountry)
    {
        _idPrefix = Encoding.ASCII.GetBytes("{\"recordId\":\"sim-" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-");
        // Cell ids as MCC-MNC-cell; China Mobile's 460-00 for the default home network, a test network otherwise.
        _cellPrefix = homeCountry == 86 ? "460-00-"u8.ToArray() : "001-01-"u8.ToArray();
        _time = new TimestampWriter(start);
    }

    /// <summary>The last record written, without a line terminator.</summary>
    public ReadOnlySpan<byte> Record => _buffer.AsSpan(0, _length);

    /// <summary>The caller number of the last record as written ("+8613812345678"): the Kafka message key.</summary>
    public ReadOnlySpan<byte> Key => _buffer.AsSpan(_keyStart, _keyLength);

    /// <summary>Where <see cref="Key"/> starts in <see cref="Record"/>.</summary>
    public int KeyStart => _keyStart;

    public void Write(in CallRecord r, ulong sequence, Corruption corruption = Corruption.None)
    {
        var b = _buffer;
        _idPrefix.CopyTo(b, 0);
        var p = _idPrefix.Length;
        p = WriteDigits(b, p, sequence, minDigits: 12);

        p = Append(b, p, "\",\"type\":\""u8);
        if (corruption == Corruption.WrongType)
            p = Append(b, p, r.Type == CallType.Sms ? "mms"u8 : "video"u8);
        else
            p = Append(b, p, r.Type == CallType.Sms ? "sms"u8 : "voice"u8);

        p = Append(b, p, "\",\"caller\":\""u8);
        _keyStart = p;
        if (corruption == Corruption.BadNumber)
            p = Append(b, p, "00-"u8);
        else
            b[p++] = (byte)'+';
        p = WriteDigits(b, p, r.Caller, 1);
        _keyLength = p - _keyStart;

        if (corruption != Corruption.MissingCallee)
        {
            p = Append(b, p, "\",\"callee\":\"+"u8);
            p = WriteDigits(b, p, r.Callee, 1);
        }

        p = Append(b, p, "\",\"startTime\":\""u8);
        p += _time.Write(r.TimeMs, b.AsSpan(p));
        p = Append(b, p, "\",\"ringSec\":"u8);
        p = WriteTenths(b, p, r.RingMs / 100);

        if (r.Type == CallType.Voice || corruption == Corruption.NegativeDuration)
        {
            p = Append(b, p, ",\"durationSec\":"u8);
            if (corruption == Corruption.NegativeDuration)
                b[p++] = (byte)'-';
            p = WriteDigits(b, p, (ulong)(corruption == Corruption.NegativeDuration ? r.DurationSec + 1 : r.DurationSec), 1);
            p = Append(b, p, r.Answered ? ",\"answered\":true"u8 : ",\"answered\":false"u8);
        }

        if (r.Imei != 0)
        {
            p = Append(b, p, ",\"imei\":\""u8);
            p = WriteDigits(b, p, r.Imei, 15);
            b[p++] = (byte)'"';
        }

        if (r.CellId != 0)
        {
            p = Append(b, p, ",\"cellId\":\""u8);
            p = Append(b, p, _cellPrefix);
            p = WriteDigits(b, p, r.CellId, 1);
            b[p++] = (byte)'"';
        }

        if (r.CliRestricted)
            p = Append(b, p, ",\"cliRestricted\":true"u8);

        b[p++] = (byte)'}';
        _length = p;
    }

    /// <summary>Replaces the last record with a prefix of itself, so it is no longer a JSON document.</summary>
    public void Truncate(int length) => _length = Math.Clamp(length, 1, _length - 1);

    /// <summary>Replaces the last record with a line some other system might leave on the topic.</summary>
    public void WriteForeignLine(ulong sequence)
    {
        var p = Append(_buffer, 0, "<cdr seq="u8);
        p = WriteDigits(_buffer, p, sequence, 1);
        p = Append(_buffer, p, " status=ERR/>"u8);
        _keyStart = 0;
        _keyLength = 0;
        _length = p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(byte[] b, int p, ReadOnlySpan<byte> text)
    {
        text.CopyTo(b.AsSpan(p));
        return p + text.Length;
    }

    /// <summary>Writes <paramref name="value"/> in decimal, left-padded with zeros to <paramref name="minDigits"/>.</summary>
    private static int WriteDigits(byte[] b, int p, ulong value, int minDigits)
    {
        var digits = 1;
        for (var v = value / 10; v != 0; v /= 10)
            digits++;
        if (digits < minDigits)
            digits = minDigits;

        var end = p + digits;
        for (var i = end - 1; i >= p; i--)
        {
            var q = value / 10;
            b[i] = (byte)('0' + (value - (q * 10)));
            value = q;
        }

        return end;
    }

    /// <summary>Tenths of a second as a JSON number: 0, or 7.2.</summary>
    private static int WriteTenths(byte[] b, int p, int tenths)
    {
        if (tenths == 0)
        {
            b[p] = (byte)'0';
            return p + 1;
        }

        p = WriteDigits(b, p, (ulong)(tenths / 10), 1);
        b[p] = (byte)'.';
        b[p + 1] = (byte)('0' + (tenths % 10));
        return p + 2;
    }
}
