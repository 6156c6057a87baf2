using System.Buffers;
using System.Text.Json;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Alerts.Records;

/// <summary>
/// Writes Alert v1 records (docs/contracts/alert-v1.md) straight to UTF-8 JSON. One writer per partition
/// worker: not thread-safe, its buffer is reused. Alerts are rare next to events, so each record's bytes are
/// a fresh array handed to the producer. With a <see cref="NumberPseudonymiser"/>, every number of the record
/// (number, counterparts, reason details, key) is its pseudonym.
/// </summary>
public sealed class AlertWriter
{
    // Room for an E.164 number (PhoneNumber.MaxFormattedLength) or a pseudonym, whichever is longer.
    private const int MaxNumberText = NumberPseudonymiser.Length > PhoneNumber.MaxFormattedLength ? NumberPseudonymiser.Length : PhoneNumber.MaxFormattedLength;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly NumberPseudonymiser? _pseudonyms;

    /// <param name="pseudonyms">Pseudonymise numbers with this; null writes them in E.164.</param>
    public AlertWriter(NumberPseudonymiser? pseudonyms = null)
    {
        _pseudonyms = pseudonyms;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// The alert of <paramref name="kind"/> about <paramref name="detections"/>[0].Number for event <paramref name="e"/>:
    /// action, severity and score are the strongest of <paramref name="detections"/> (all of that kind and number),
    /// every detection a reason.
    /// </summary>
    public AlertRecord Write(in CallEvent e, ReadOnlySpan<Detection> detections, in AlertContext context)
    {
        var first = detections[0];
        var kind = first.Kind;
        var action = first.Action;
        var severity = first.Severity;
        var score = first.Score;
        foreach (ref readonly var d in detections)
        {
            action = d.Action > action ? d.Action : action;
            severity = d.Severity > severity ? d.Severity : severity;
            score = Math.Max(score, d.Score);
        }

        var alertId = AlertId.For(e.RecordId, kind);
        Span<byte> number = stackalloc byte[MaxNumberText];
        number = number[..WriteNumber(first.Number, number)];
        var counterpart = first.Number == e.Caller ? e.Callee : e.Caller;
        Span<byte> other = stackalloc byte[MaxNumberText];
        other = other[..WriteNumber(counterpart, other)];

        _buffer.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("alertId"u8, alertId);
        WriteTime("time"u8, context.NowMs);
        WriteTime("eventTime"u8, e.StartTimeMs);
        _json.WriteString("kind"u8, kind.ToWireUtf8());
        _json.WriteString("role"u8, WireNames.Name(first.Role));
        _json.WriteString("number"u8, number);
        _json.WriteStartArray("counterparts"u8);
        _json.WriteStringValue(other);
        _json.WriteEndArray();
        _json.WriteString("action"u8, WireNames.Name(action));
        _json.WriteString("severity"u8, WireNames.Name(severity));
        _json.WriteNumber("score"u8, Math.Round(Math.Clamp(score, 0f, 1f), 4));
        _json.WriteStartArray("reasons"u8);
        foreach (ref readonly var d in detections)
        {
            _json.WriteStartObject();
            _json.WriteString("code"u8, WireNames.Name(d.Reason));
            _json.WriteString("detail"u8, ReasonText.Detail(d, e, context.Blocklist, _pseudonyms));
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        if (!context.Explanation.IsEmpty)
        {
            _json.WriteStartArray("explanation"u8);
            foreach (var x in context.Explanation)
            {
                _json.WriteStartObject();
                _json.WriteString("feature"u8, Feature.Names[x.Feature]);
                _json.WriteNumber("contribution"u8, Math.Round(x.Contribution, 4));
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }

        _json.WriteString("recordId"u8, e.RecordId);
        _json.WriteStartObject("source"u8);
        _json.WriteString("topic"u8, context.Source.Topic);
        _json.WriteNumber("partition"u8, context.Source.Partition);
        _json.WriteNumber("offset"u8, context.Source.Offset);
        _json.WriteEndObject();
        if (context.ModelVersion is null)
            _json.WriteNull("modelVersion"u8);
        else
            _json.WriteString("modelVersion"u8, context.ModelVersion);
        _json.WriteBoolean("degraded"u8, context.Degraded);
        _json.WriteNumber("suppressedCount"u8, context.SuppressedCount);
        _json.WriteEndObject();
        _json.Flush();

        return new AlertRecord(alertId, number.ToArray(), _buffer.WrittenSpan.ToArray());
    }

    private int WriteNumber(PhoneNumber number, Span<byte> destination)
        => _pseudonyms is null ? number.FormatE164(destination) : _pseudonyms.Write(number, destination);

    private void WriteTime(ReadOnlySpan<byte> name, long unixMs)
    {
        Span<byte> text = stackalloc byte[32];
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        _json.WriteString(name, text[..written]);
    }
}

/// <summary>What an alert says beyond its detections: where the record came from and the state of the scorer.</summary>
public readonly ref struct AlertContext
{
    public required AlertSource Source { get; init; }

    public required long NowMs { get; init; }

    public string? ModelVersion { get; init; }

    public bool Degraded { get; init; }

    public int SuppressedCount { get; init; }

    /// <summary>Top feature contributions, for a kind the model decided; empty otherwise.</summary>
    public ReadOnlySpan<Explanation> Explanation { get; init; }

    /// <summary>For the label and prefix-rule details; null without a replica.</summary>
    public BlocklistReplica? Blocklist { get; init; }
}
