namespace FraudStream.Scoring.Risk;

/// <summary>
/// A per-number CSV (or a split file) that cannot be used as it is: the message is one line naming the file, the line
/// and the column, so the command can print it as it is.
/// </summary>
public sealed class RiskDataException(string message) : Exception(message)
{
    /// <summary>"numbers.csv: line 7, column 12 'call_dur_mean': why".</summary>
    public static RiskDataException At(string source, long line, int column, string name, string why)
        => new($"{source}: line {line}, column {column + 1} '{name}': {why}");

    /// <summary>"numbers.csv: line 7: why", for a problem of the whole line.</summary>
    public static RiskDataException At(string source, long line, string why) => new($"{source}: line {line}: {why}");
}
