using FraudStream.Ingest.Cdr;

namespace FraudStream.Scoring.Tests.Features;

/// <summary>CallEvents for feature tests, at chosen times (local time +08:00).</summary>
internal static class Events
{
    public static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8));

    public static PhoneNumber Home(long n) => Number("+86138" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));

    public static PhoneNumber Number(string e164)
    {
        var error = PhoneNumberParser.TryParse(System.Text.Encoding.ASCII.GetBytes(e164), 86, out var number);
        Assert.That(error, Is.EqualTo(PhoneNumberError.None), e164);
        return number;
    }

    public static CallEvent Call(PhoneNumber caller, PhoneNumber callee, DateTimeOffset at, bool answered = true, float duration = 60, float ring = 5, ulong imei = 0)
        => new()
        {
            RecordId = "r",
            RecordHash = 1,
            Type = CallType.Voice,
            Caller = caller,
            Callee = callee,
            StartTimeMs = at.ToUnixTimeMilliseconds(),
            Answered = answered,
            DurationSec = answered ? duration : 0,
            RingSec = ring,
            Imei = imei,
            International = caller.CountryCode != 86 || callee.CountryCode != 86,
        };

    public static CallEvent Sms(PhoneNumber caller, PhoneNumber callee, DateTimeOffset at)
        => Call(caller, callee, at, answered: false, ring: 0) with { Type = CallType.Sms };
}
