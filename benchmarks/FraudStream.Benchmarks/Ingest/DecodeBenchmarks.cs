using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FraudStream.Ingest.Cdr;

namespace FraudStream.Benchmarks.Ingest;

/// <summary>
/// CDR v1 decoding per record: the Utf8JsonReader decoder FraudStream uses versus source-generated
/// System.Text.Json into a DTO followed by the same number normalisation (the fair comparison: both end
/// with E.164 numbers and an event time).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private static readonly byte[] s_record = Encoding.UTF8.GetBytes(
        """{"recordId":"sim-7-000000012345","type":"voice","caller":"+8613812345678","callee":"+8613998765432","startTime":"2026-03-02T09:15:04.250+08:00","ringSec":3.5,"durationSec":127.25,"answered":true,"imei":"356938035643809","cellId":"460-00-1234-5678"}""");

    private readonly CdrDecoder _decoder = new(86, 4096);
    private readonly long _now = DateTimeOffset.Parse("2026-03-02T12:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [Benchmark(Baseline = true)]
    public long Utf8JsonReaderDecoder()
    {
        _decoder.Decode(s_record, _now, out var e);
        return e.StartTimeMs;
    }

    [Benchmark]
    public long SourceGeneratedJson()
    {
        var dto = JsonSerializer.Deserialize(s_record, CdrJsonContext.Default.CdrDto)!;
        PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(dto.Caller!), 86, out var caller);
        PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(dto.Callee!), 86, out var callee);
        return dto.StartTime!.Value.ToUnixTimeMilliseconds() + (long)caller.Value + (long)callee.Value;
    }
}
