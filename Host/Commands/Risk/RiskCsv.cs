using System.Globalization;
using System.Text;
using FraudStream.Scoring.Risk;

namespace FraudStream.Host.Commands.Risk;

/// <summary>Writes a per-number table as the CSV <c>risk train</c> and <c>risk score</c> read: a missing value is an empty cell.</summary>
internal static class RiskCsv
{
    public static void Write(FileInfo file, RiskTable table)
    {
        var temporary = $"{file.FullName}.{Environment.ProcessId}.tmp";
        using (var writer = new StreamWriter(temporary))
        {
            writer.WriteLine(table.IdColumn + "," + string.Join(',', table.Columns));
            var line = new StringBuilder();
            for (var r = 0; r < table.RowCount; r++)
            {
                line.Clear().Append(table.Ids[r]);
                foreach (var value in table.Row(r))
                {
                    line.Append(',');
                    if (!float.IsNaN(value))
                        line.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }

                writer.WriteLine(line);
            }
        }

        File.Move(temporary, file.FullName, overwrite: true);
    }
}
