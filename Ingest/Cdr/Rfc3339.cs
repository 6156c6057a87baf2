namespace FraudStream.Ingest.Cdr;

/// <summary>
/// Strict, allocation-free RFC 3339 timestamps: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>.
/// The offset is required (a CDR without one is ambiguous across a carrier's time zones).
/// </summary>
public static class Rfc3339
{
    private const long UnixEpochDays = 719_162; // days from 0001-01-01 to 1970-01-01

    /// <summary>Parses <paramref name="text"/> into Unix milliseconds UTC; false when it is not RFC 3339 with an offset.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long unixMs)
    {
        unixMs = 0;
        if (text.Length < 20
            || text[4] != '-' || text[7] != '-' || (text[10] | 0x20) != 't' || text[13] != ':' || text[16] != ':'
            || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            return false;

        var i = 19;
        var millis = 0;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                if (i - start < 3)
                    millis = (millis * 10) + (text[i] - '0');
                i++;
            }

            if (i == start)
                return false;
            for (var scale = i - start; scale < 3; scale++)
                millis *= 10;
        }

        if (i >= text.Length)
            return false;

        int offsetMinutes;
        if ((text[i] | 0x20) == 'z')
        {
            offsetMinutes = 0;
            i++;
        }
        else if ((text[i] == '+' || text[i] == '-') && i + 6 == text.Length && text[i + 3] == ':'
                 && Digits(text, i + 1, 2, out var offHour) && Digits(text, i + 4, 2, out var offMinute) && offHour <= 23 && offMinute <= 59)
        {
            offsetMinutes = ((offHour * 60) + offMinute) * (text[i] == '-' ? -1 : 1);
            i += 6;
        }
        else
        {
            return false;
        }

        if (i != text.Length)
            return false;

        // A leap second (:60) is folded into the next second, as DateTimeOffset cannot hold it.
        long days = DaysFromCivil(year, month, day) - UnixEpochDays;
        unixMs = (((((days * 24) + hour) * 60) + minute - offsetMinutes) * 60_000L) + (second * 1000L) + millis;
        return true;
    }

    private static long DaysFromCivil(int year, int month, int day)
    {
        // Days since 0001-01-01 of the proleptic Gregorian calendar, without DateTime's range checks.
        var y = year - 1;
        long days = (365L * y) + (y / 4) - (y / 100) + (y / 400);
        days += DayOfYearStart(month, DateTime.IsLeapYear(year)) + day - 1;
        return days;
    }

    private static int DayOfYearStart(int month, bool leap)
    {
        ReadOnlySpan<short> starts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        return starts[month - 1] + (leap && month > 2 ? 1 : 0);
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
                return false;
            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
