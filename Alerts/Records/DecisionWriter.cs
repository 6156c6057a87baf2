using System.Buffers;
using System.Text.Json;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Records;

/// <summary>
/// Writes the compact <c>fraud.decision.v1</c> record, one per scored event, for carriers that do call control:
/// <c>{"recordId","stage","action","kinds":[...],"degraded"}</c>. Key = the number the stage is keyed by (the input record's key). One writer per partition worker.
/// </summary>
public sealed class DecisionWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;

    public DecisionWriter() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public byte[] Write(string recordId, string stage, in Decision decision)
    {
        _buffer.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("recordId"u8, recordId);
        _json.WriteString("stage"u8, stage);
        _json.WriteString("action"u8, WireNames.Name(decision.Action));
        _json.WriteStartArray("kinds"u8);
        uint written = 0;
        foreach (ref readonly var d in decision.Detections)
        {
            if ((written & (1u << (int)d.Kind)) != 0)
                continue;
            written |= 1u << (int)d.Kind;
            _json.WriteStringValue(d.Kind.ToWireUtf8());
        }

        _json.WriteEndArray();
        _json.WriteBoolean("degraded"u8, decision.Degraded);
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}
