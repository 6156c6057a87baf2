using System.CommandLine;
using System.Text;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Commands.Labels;

/// <summary>
/// <c>fraudstream labels import &lt;file.csv&gt;</c>: every good row is imported, every bad row is reported with its
/// line number and why, and any bad row makes the exit code 1.
/// </summary>
internal static class LabelsImportCommand
{
    public static Command Create(CliContext cli, Option<string> redis)
    {
        var file = new Argument<string>("file") { Description = $"CSV with the header '{LabelCsv.Header}'; expires is RFC 3339, a time to live (30d) or empty for never." };

        var command = new Command("import", "Import labels from CSV (each row keeps its source; actor = this user).") { file };
        command.SetAction((parse, _) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new UsageException($"{path}: no such file");

            return LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
            {
                var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8, ct).ConfigureAwait(false);
                if (lines.Length == 0 || !string.Equals(lines[0].Trim().Replace(" ", "", StringComparison.Ordinal), LabelCsv.Header, StringComparison.OrdinalIgnoreCase))
                    throw new UsageException($"{path}:1: expected the header '{LabelCsv.Header}'");

                var good = new List<LabelRequest>();
                var bad = 0;
                var fields = new List<string>();
                var now = DateTimeOffset.UtcNow;
                for (var i = 1; i < lines.Length; i++)
                {
                    if (string.IsNullOrWhiteSpace(lines[i]))
                        continue;
                    if (TryRow(lines[i], fields, session.HomeCountryCode, now, out var request, out var why))
                    {
                        good.Add(request);
                    }
                    else
                    {
                        bad++;
                        await session.Cli.Error.WriteLineAsync($"fraudstream: {path}:{i + 1}: {why}").ConfigureAwait(false);
                    }
                }

                var imported = 0;
                if (good.Count > 0)
                {
                    var store = await session.OpenStoreAsync().ConfigureAwait(false);
                    imported = await store.ImportAsync(good, LabelsSession.Actor, ct).ConfigureAwait(false);
                }

                var kept = good.Count - imported;
                var yielded = kept > 0 ? $"; {kept} numbers kept their label (a risk-model label never replaces one from another source)" : "";
                await session.Output.WriteLineAsync($"imported {imported} labels from {path}; {bad} rows rejected{yielded}").ConfigureAwait(false);
                return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
            });
        });
        return command;
    }

    private static bool TryRow(string line, List<string> fields, ushort home, DateTimeOffset now, out LabelRequest request, out string why)
    {
        request = null!;
        if (!LabelCsv.TrySplit(line, fields, out why))
            return false;
        if (fields.Count is < 4 or > 5)
        {
            why = $"expected 5 fields ({LabelCsv.Header}), found {fields.Count}";
            return false;
        }

        var numberText = fields[0].Trim();
        var error = PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(numberText), home, out var number);
        if (error != PhoneNumberError.None)
        {
            why = $"number '{numberText}': {LabelsSession.Describe(error)}";
            return false;
        }

        if (!LabelArguments.TryCategory(fields[1].Trim(), out var category, out var problem))
        {
            why = "category " + problem;
            return false;
        }

        if (!LabelArguments.TrySource(fields[2].Trim(), out var source, out problem))
        {
            why = "source " + problem;
            return false;
        }

        if (!LabelArguments.TryExpiry(fields.Count == 5 ? fields[4] : null, now, out var expires, out problem))
        {
            why = "expires " + problem;
            return false;
        }

        request = new LabelRequest(number.Value, category, source, fields[3]) { ExpiresAt = expires };
        return true;
    }
}
