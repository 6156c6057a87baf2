using System.Text;

namespace FraudStream.Host.Commands.Labels;

/// <summary>The label import file: CSV with the header <see cref="Header"/>, quoted fields as in RFC 4180.</summary>
internal static class LabelCsv
{
    public const string Header = "number,category,source,reason,expires";

    /// <summary>A field as written: quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Splits one line into <paramref name="fields"/>; false with the reason when its quoting is broken.</summary>
    public static bool TrySplit(string line, List<string> fields, out string error)
    {
        fields.Clear();
        error = "";
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = $"field {fields.Count + 1}: quote not closed";
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    error = $"field {fields.Count + 1}: text after the closing quote";
                    return false;
                }
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0)
                    end = line.Length;
                field.Append(line, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
                return true;
            i++; // the comma
        }
    }
}
