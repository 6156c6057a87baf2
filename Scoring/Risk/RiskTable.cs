namespace FraudStream.Scoring.Risk;

/// <summary>
/// Per-number aggregates read from a CSV: one row per number, one id, numeric columns (a missing value is NaN) and,
/// when the file has one, a 0/1 label.
/// </summary>
public sealed class RiskTable
{
    private readonly float[] _values;

    /// <param name="source">Where the rows came from (a file name), for messages.</param>
    /// <param name="idColumn">The header of the id column.</param>
    /// <param name="columns">The numeric columns, in row order.</param>
    /// <param name="ids">One id per row.</param>
    /// <param name="values">The rows one after the other, one value per column.</param>
    /// <param name="labels">One 0/1 label per row, or null when the file has no label column.</param>
    public RiskTable(string source, string idColumn, IReadOnlyList<string> columns, IReadOnlyList<string> ids, float[] values, float[]? labels)
    {
        if (values.Length != (long)ids.Count * columns.Count)
            throw new ArgumentException($"{values.Length} values for {ids.Count} rows of {columns.Count} columns", nameof(values));
        if (labels is not null && labels.Length != ids.Count)
            throw new ArgumentException($"{labels.Length} labels for {ids.Count} rows", nameof(labels));
        Source = source;
        IdColumn = idColumn;
        Columns = columns;
        Ids = ids;
        _values = values;
        Labels = labels;
    }

    public string Source { get; }

    public string IdColumn { get; }

    /// <summary>The id column's 0-based place in the file's header.</summary>
    public int IdColumnIndex { get; init; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string> Ids { get; }

    /// <summary>1 for fraud, 0 otherwise; null when the file has no label column.</summary>
    public float[]? Labels { get; }

    public int RowCount => Ids.Count;

    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Columns.Count, Columns.Count);

    /// <summary>The index of <paramref name="column"/>, or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }
}
