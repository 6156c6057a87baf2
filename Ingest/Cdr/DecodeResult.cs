namespace FraudStream.Ingest.Cdr;

/// <summary>The outcome of decoding one message: <see cref="CdrError.None"/>, or the error and a human message.</summary>
public readonly record struct DecodeResult(CdrError Error, string? Message)
{
    public static DecodeResult Ok => default;

    public bool IsOk => Error == CdrError.None;
}
