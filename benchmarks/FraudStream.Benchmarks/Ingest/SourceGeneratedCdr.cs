using System.Text.Json.Serialization;

namespace FraudStream.Benchmarks.Ingest;

/// <summary>
/// The alternative the issue asks to measure: System.Text.Json's source-generated deserializer into a DTO,
/// which then still needs the same validation and normalisation as the reader-based decoder.
/// </summary>
public sealed class CdrDto
{
    public string? RecordId { get; set; }
    public string? Type { get; set; }
    public string? Caller { get; set; }
    public string? Callee { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public double? RingSec { get; set; }
    public double? DurationSec { get; set; }
    public bool? Answered { get; set; }
    public string? Imei { get; set; }
    public string? CellId { get; set; }
    public bool? CliRestricted { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CdrDto))]
public sealed partial class CdrJsonContext : JsonSerializerContext;
