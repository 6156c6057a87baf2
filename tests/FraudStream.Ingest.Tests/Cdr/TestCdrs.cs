using System.Globalization;
using System.Text;

namespace FraudStream.Ingest.Tests.Cdr;

/// <summary>CDR v1 JSON for tests, built as text so that tests can also break it on purpose.</summary>
internal static class TestCdrs
{
    public const string Start = "2026-03-02T09:15:04.250+08:00";

    /// <summary>Decoding "now" for tests: the day of <see cref="Start"/>.</summary>
    public static readonly long Now = DateTimeOffset.Parse("2026-03-02T12:00:00+08:00", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public static string Voice(string recordId = "r-1", string caller = "+8613800000001", string callee = "+8613900000002",
        bool answered = true, double duration = 42.5, double ring = 3, string start = Start, string extra = "")
        => $$"""{"recordId":"{{recordId}}","type":"voice","caller":"{{caller}}","callee":"{{callee}}","startTime":"{{start}}","ringSec":{{F(ring)}},"durationSec":{{F(duration)}},"answered":{{(answered ? "true" : "false")}}{{extra}}}""";

    public static string Sms(string recordId = "s-1", string caller = "+8613800000001", string callee = "+8613900000002", string extra = "")
        => $$"""{"recordId":"{{recordId}}","type":"sms","caller":"{{caller}}","callee":"{{callee}}","startTime":"{{Start}}"{{extra}}}""";

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
