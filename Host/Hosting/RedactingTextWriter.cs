using System.Text;

namespace FraudStream.Host.Hosting;

/// <summary>
/// Forwards to another writer with <see cref="SecretRedaction"/>'s secrets masked. Text is checked per write: a
/// secret split across two writes would pass, but the console logger and the commands write whole lines.
/// </summary>
internal sealed class RedactingTextWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(Redact(value));

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (SecretRedaction.Any)
            inner.Write(SecretRedaction.Redact(new string(buffer)));
        else
            inner.Write(buffer);
    }

    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(string? value) => inner.WriteLine(Redact(value));

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        if (SecretRedaction.Any)
            inner.WriteLine(SecretRedaction.Redact(new string(buffer)));
        else
            inner.WriteLine(buffer);
    }

    public override Task WriteAsync(char value) => inner.WriteAsync(value);

    public override Task WriteAsync(string? value) => inner.WriteAsync(Redact(value));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        => SecretRedaction.Any ? inner.WriteAsync(SecretRedaction.Redact(new string(buffer.Span))) : inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteLineAsync() => inner.WriteLineAsync();

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(Redact(value));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        => SecretRedaction.Any ? inner.WriteLineAsync(SecretRedaction.Redact(new string(buffer.Span))) : inner.WriteLineAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    private static string? Redact(string? value) => value is null ? null : SecretRedaction.Redact(value);
}
