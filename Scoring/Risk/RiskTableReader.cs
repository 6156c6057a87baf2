using System.Globalization;

namespace FraudStream.Scoring.Risk;

/// <summary>
/// Reads a per-number CSV: a header, then one row per number. The id column is the first (or the one named); every
/// other column but the label is numeric. An empty cell (or <c>NaN</c>) is a missing value; anything else that is not
/// a finite number, a row of another width, a repeated id, a label other than 0 or 1, and an empty file are refused
/// with one line naming the line and the column. Nothing is skipped.
/// </summary>
public static class RiskTableReader
{
    /// <summary>The label column's default name, as in the Sichuan dataset.</summary>
    public const string DefaultLabel = "label";

    /// <param name="reader">The CSV.</param>
    /// <param name="source">Its name in messages.</param>
    /// <param name="labelColumn">The 0/1 label's column.</param>
    /// <param name="requireLabel">Refuse a file without <paramref name="labelColumn"/> (training); else a label column is read when present.</param>
    /// <param name="idColumn">The id's column; null: the first.</param>
    /// <exception cref="RiskDataException">The file cannot be used as it is.</exception>
    public static RiskTable Read(TextReader reader, string source, string labelColumn = DefaultLabel, bool requireLabel = true, string? idColumn = null)
    {
        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
            throw RiskDataException.At(source, 1, "the file is empty; expected a header naming an id column, numeric columns and a label");
        var names = header.TrimEnd('\r').Split(',');
        for (var i = 0; i < names.Length; i++)
            names[i] = names[i].Trim();

        var idIndex = idColumn is null ? 0 : Array.IndexOf(names, idColumn);
        if (idIndex < 0)
            throw RiskDataException.At(source, 1, $"no id column '{idColumn}' in the header");
        var labelIndex = Array.IndexOf(names, labelColumn);
        if (labelIndex < 0 && requireLabel)
            throw RiskDataException.At(source, 1, $"no label column '{labelColumn}' in the header (pass --label with its name)");
        if (labelIndex == idIndex)
            throw RiskDataException.At(source, 1, idIndex, names[idIndex], "the label cannot also be the id");

        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
                throw RiskDataException.At(source, 1, i, "", "a column without a name");
            if (!seen.Add(names[i]))
                throw RiskDataException.At(source, 1, i, names[i], "the header names this column twice");
            if (i != idIndex && i != labelIndex)
                columns.Add(names[i]);
        }

        if (columns.Count == 0)
            throw RiskDataException.At(source, 1, "no numeric columns besides the id and the label");

        var ids = new List<string>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        var values = new List<float>();
        var labels = labelIndex >= 0 ? new List<float>() : null;
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            text = text.TrimEnd('\r');
            if (text.Length == 0)
                throw RiskDataException.At(source, line, "an empty line; every line after the header is a number's row");
            var fields = text.Split(',');
            if (fields.Length != names.Length)
                throw RiskDataException.At(source, line, $"{fields.Length} fields, but the header has {names.Length}");

            var id = fields[idIndex].Trim();
            if (id.Length == 0)
                throw RiskDataException.At(source, line, idIndex, names[idIndex], "the id is empty");
            if (!firstLine.TryAdd(id, line))
                throw RiskDataException.At(source, line, idIndex, names[idIndex], $"'{id}' already has a row, on line {firstLine[id]}");
            ids.Add(id);

            for (var i = 0; i < fields.Length; i++)
            {
                if (i == idIndex)
                    continue;
                var cell = fields[i].Trim();
                if (i == labelIndex)
                    labels!.Add(Label(cell) ?? throw RiskDataException.At(source, line, i, names[i], $"'{cell}' is not a label: expected 0 or 1"));
                else
                    values.Add(Number(cell) ?? throw RiskDataException.At(source, line, i, names[i], $"'{cell}' is not a number (leave the cell empty for a missing value)"));
            }
        }

        if (ids.Count == 0)
            throw RiskDataException.At(source, 2, "no rows after the header");
        return new RiskTable(source, names[idIndex], columns, ids, [.. values], labels?.ToArray()) { IdColumnIndex = idIndex };
    }

    /// <summary>Reads a file; see <see cref="Read(TextReader, string, string, bool, string?)"/>.</summary>
    public static RiskTable Read(string path, string labelColumn = DefaultLabel, bool requireLabel = true, string? idColumn = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), labelColumn, requireLabel, idColumn);
    }

    private static float? Number(string cell)
    {
        if (cell.Length == 0 || cell.Equals("nan", StringComparison.OrdinalIgnoreCase))
            return float.NaN;
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            return null;
        var single = (float)value;
        return float.IsFinite(single) ? single : null;
    }

    private static float? Label(string cell)
        => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is 0 or 1 ? (float)value : null;
}
