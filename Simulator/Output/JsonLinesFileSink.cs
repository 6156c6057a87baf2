namespace FraudStream.Simulator.Output;

/// <summary>Records as JSON Lines (one record per line, '\n'), through one reused 1 MiB buffer.</summary>
public sealed class JsonLinesFileSink : IRecordSink
{
    private const int BufferSize = 1 << 20;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _length;

    /// <summary>Writes to <paramref name="stream"/>, which the sink then owns.</summary>
    public JsonLinesFileSink(Stream stream) => _stream = stream;

    /// <summary>Creates (or truncates) the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public static JsonLinesFileSink Create(string path)
        => new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0));

    public void Write(ReadOnlySpan<byte> record, ReadOnlySpan<byte> key)
    {
        if (_length + record.Length + 1 > _buffer.Length)
            Drain();
        record.CopyTo(_buffer.AsSpan(_length));
        _length += record.Length;
        _buffer[_length++] = (byte)'\n';
    }

    public ValueTask EndBatchAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Drain();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Drain();
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private void Drain()
    {
        if (_length == 0)
            return;
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }
}
