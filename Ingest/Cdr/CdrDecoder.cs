using System.Text.Json;

namespace FraudStream.Ingest.Cdr;

/// <summary>
/// Decodes and validates one CDR v1 message (docs/contracts/cdr-v1.md) straight from its UTF-8 bytes with
/// <see cref="Utf8JsonReader"/>: no allocation but the record id, and no exception escapes — every input is
/// either a <see cref="CallEvent"/> or a <see cref="DecodeResult"/> saying why not.
/// </summary>
public sealed partial class CdrDecoder
{
    /// <summary>2000-01-01T00:00:00Z: older CDRs are a clock or parsing fault upstream.</summary>
    public const long MinStartTimeMs = 946_684_800_000;

    /// <summary>Event times may run ahead of our clock by clock skew, never by more than a day.</summary>
    public const long MaxFutureMs = 86_400_000;

    public const double MaxDurationSec = 86_400;
    public const double MaxRingSec = 600;

    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    private readonly ushort _home;
    private readonly int _maxBytes;

    public CdrDecoder(ushort homeCountryCode = 86, int maxMessageBytes = 4096)
    {
        _home = homeCountryCode;
        _maxBytes = maxMessageBytes;
    }

    public CdrDecoder(IngestOptions options)
        : this(options.HomeCountryCode, options.MaxMessageBytes)
    {
    }

    /// <summary>Decodes <paramref name="message"/>; <paramref name="nowUnixMs"/> bounds how far in the future an event may be.</summary>
    public DecodeResult Decode(ReadOnlySpan<byte> message, long nowUnixMs, out CallEvent callEvent)
        => Decode(message, null, nowUnixMs, out callEvent);

    /// <summary>
    /// Decodes <paramref name="message"/> like <see cref="Decode"/>, but the event's record id (when written without
    /// escapes) stays in the array instead of becoming a string. For a consumed message's array, which nothing
    /// writes to and which its events do not outlive by long: an event kept for long keeps the whole message.
    /// </summary>
    public DecodeResult DecodeKeepingId(byte[] message, long nowUnixMs, out CallEvent callEvent)
        => Decode(message, message, 0, nowUnixMs, out callEvent);

    /// <summary>
    /// Like <see cref="DecodeKeepingId(byte[], long, out CallEvent)"/> for a message at [start, start + length) of
    /// <paramref name="owner"/> (a pooled slab): the range must not be written again while the event is used.
    /// </summary>
    public DecodeResult DecodeKeepingId(byte[]? owner, int start, int length, long nowUnixMs, out CallEvent callEvent)
        => Decode(owner.AsSpan(start, length), owner, start, nowUnixMs, out callEvent);

    private DecodeResult Decode(ReadOnlySpan<byte> message, byte[]? owner, long nowUnixMs, out CallEvent callEvent)
        => Decode(message, owner, 0, nowUnixMs, out callEvent);

    private DecodeResult Decode(ReadOnlySpan<byte> message, byte[]? owner, int ownerStart, long nowUnixMs, out CallEvent callEvent)
    {
        callEvent = default;
        if (message.Length > _maxBytes)
            return Fail(CdrError.TooLarge, $"message is {message.Length} bytes; the limit is {_maxBytes}");
        if (message.IsEmpty)
            return Fail(CdrError.NotJson, "empty message");
        if (message.StartsWith("\uFEFF"u8))
        {
            message = message[3..];
            ownerStart += 3;
        }

        try
        {
            return DecodeObject(message, owner, ownerStart, nowUnixMs, out callEvent);
        }
        catch (JsonException e)
        {
            return Fail(CdrError.NotJson, "not valid JSON: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports invalid UTF-8 inside a string this way.
            return Fail(CdrError.NotJson, "not valid UTF-8: " + e.Message);
        }
    }

    private static DecodeResult Fail(CdrError error, string message) => new(error, message);

    private static DecodeResult WrongType(CdrField field, string expected) => Fail(CdrError.WrongType, $"{Name(field)} must be {expected}");

    private static DecodeResult Missing(CdrField field) => Fail(CdrError.MissingField, $"{Name(field)} is required");
}
