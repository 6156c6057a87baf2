namespace FraudStream.Ingest.Cdr;

/// <summary>Wire names of <see cref="CdrError"/>, as documented in docs/contracts/cdr-v1.md.</summary>
public static class CdrErrors
{
    public static string Code(CdrError error) => error switch
    {
        CdrError.None => "none",
        CdrError.NotJson => "not_json",
        CdrError.TooLarge => "too_large",
        CdrError.MissingField => "missing_field",
        CdrError.WrongType => "wrong_type",
        CdrError.BadValue => "bad_value",
        CdrError.BadNumber => "bad_number",
        CdrError.BadTime => "bad_time",
        CdrError.AbsurdValue => "absurd_value",
        CdrError.DuplicateField => "duplicate_field",
        CdrError.BadFrame => "bad_frame",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
