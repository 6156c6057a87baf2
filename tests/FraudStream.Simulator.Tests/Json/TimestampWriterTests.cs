using System.Text;
using FraudStream.Simulator.Json;

namespace FraudStream.Simulator.Tests.Json;

[TestFixture]
public sealed class TimestampWriterTests
{
    [TestCase("2026-03-02T00:00:00+08:00", 0L, "2026-03-02T00:00:00.000+08:00")]
    [TestCase("2026-03-02T00:00:00+08:00", 33_304_250L, "2026-03-02T09:15:04.250+08:00")]
    [TestCase("2026-03-02T00:00:00+08:00", 86_399_999L, "2026-03-02T23:59:59.999+08:00")]
    [TestCase("2026-03-02T00:00:00+08:00", 86_400_000L, "2026-03-03T00:00:00.000+08:00")]
    [TestCase("2026-02-28T23:30:00Z", 3_600_000L, "2026-03-01T00:30:00.000Z")]
    [TestCase("2028-02-28T12:00:00-05:30", 86_400_001L, "2028-02-29T12:00:00.001-05:30")]
    public void Write_gives_rfc_3339_local_time_with_the_start_offset(string start, long ms, string expected)
    {
        var writer = new TimestampWriter(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        var buffer = new byte[TimestampWriter.MaxLength];

        // Write an earlier day first: the cached date must follow the day change.
        writer.Write(0, buffer);
        var length = writer.Write(ms, buffer);

        Assert.That(Encoding.ASCII.GetString(buffer, 0, length), Is.EqualTo(expected));
    }
}
