using System.Text;

namespace FraudStream.Ingest.Cdr;

/// <summary>
/// A CDR's record id: a string, or the UTF-8 bytes it was read from (the consumed message's or frame's array,
/// which the id keeps), made a string only when something asks for one (an alert, a decision, a log line).
/// </summary>
/// <remarks>
/// Why: most records raise nothing, yet each stage made a string of every record's id (measured: 138 B per CDR
/// in phase B of <c>bench --quick</c>). The string form compares, hashes and converts like the string it stands for.
/// The CDR consumer's events read their ids from a pooled slab (<c>SlabPool</c>), written again once the record's
/// offset is released for storing: an id read from bytes is for the batch that carries it; whatever keeps one longer
/// keeps its string.
/// </remarks>
public readonly struct RecordId : IEquatable<RecordId>, IEquatable<string>
{
    // A string, or a byte[] holding valid UTF-8 at [_start, _start + _length); null only for default.
    private readonly object? _value;
    private readonly int _start;
    private readonly int _length;

    public RecordId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
        _length = value.Length;
    }

    /// <param name="utf8">Holds valid UTF-8 at the range given (checked by the caller), not written again while the id is used.</param>
    internal RecordId(byte[] utf8, int start, int length)
    {
        _value = utf8;
        _start = start;
        _length = length;
    }

    /// <summary>Bytes of the id in UTF-8.</summary>
    public int Utf8Length => _value is string s ? Encoding.UTF8.GetByteCount(s) : _length;

    /// <summary>Writes the id as UTF-8 to <paramref name="destination"/> (at least <see cref="Utf8Length"/> bytes); returns the bytes written.</summary>
    public int CopyUtf8To(Span<byte> destination)
    {
        switch (_value)
        {
            case string s:
                return Encoding.UTF8.GetBytes(s, destination);
            case byte[] b:
                b.AsSpan(_start, _length).CopyTo(destination);
                return _length;
            default:
                return 0;
        }
    }

    public override string ToString() => _value switch
    {
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b, _start, _length),
        _ => string.Empty,
    };

    public bool Equals(RecordId other)
        => _value is byte[] a && other._value is byte[] b
            ? a.AsSpan(_start, _length).SequenceEqual(b.AsSpan(other._start, other._length))
            : string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public bool Equals(string? other) => other is not null && string.Equals(ToString(), other, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj switch
    {
        RecordId id => Equals(id),
        string s => Equals(s),
        _ => false,
    };

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(RecordId left, RecordId right) => left.Equals(right);

    public static bool operator !=(RecordId left, RecordId right) => !left.Equals(right);

    public static implicit operator RecordId(string value) => new(value);

    /// <summary>The id as a string: allocates for an id read from bytes, each time.</summary>
    public static implicit operator string(RecordId id) => id.ToString();
}
