using System.CommandLine;
using System.Globalization;
using FraudStream.Host.Commands.Labels;
using FraudStream.Host.Hosting;
using FraudStream.Ingest;
using FraudStream.Scoring.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Commands.Risk;

/// <summary>
/// <c>fraudstream risk score</c>: scores numbers with a risk model and writes their labels (<c>fraud</c> or <c>suspect</c>,
/// source <c>risk-model</c>, the top features as reason, an expiry) to a CSV <c>labels import</c> reads, to Redis through
/// the label store, or both. In Redis a risk-model label never replaces one from another source (an allow above all).
/// </summary>
internal static class RiskScoreCommand
{
    public static Command Create(CliContext cli)
    {
        var data = new Option<FileInfo?>("--data") { Description = "Per-number CSV with the model's columns; its id column holds phone numbers.", HelpName = "numbers.csv" };
        var model = new Option<FileInfo?>("--model") { Description = "Risk model written by `fraudstream risk train`.", HelpName = "risk.zip" };
        var id = new Option<string?>("--id") { Description = "The id's column (default: the first).", HelpName = "column" };
        var label = new Option<string>("--label") { Description = "A label column to ignore, if the file has one.", DefaultValueFactory = _ => RiskTableReader.DefaultLabel, HelpName = "column" };
        var output = new Option<FileInfo?>("--out") { Description = $"Write the labels as CSV ({LabelCsv.Header}) for `fraudstream labels import`.", HelpName = "labels.csv" };
        var redis = new Option<string?>("--redis") { Description = "Write the labels to the label store in this Redis (Redis:Configuration), e.g. 127.0.0.1:6379.", HelpName = "configuration" };
        var ttl = new Option<string>("--ttl") { Description = "How long a label applies: 45s, 90m, 12h, 30d, 2w.", DefaultValueFactory = _ => "30d" };
        var reasons = new Option<int>("--reasons") { Description = "Features named in each label's reason.", DefaultValueFactory = _ => 3 };

        var command = new Command("score", "Score numbers into fraud/suspect labels: a CSV or Redis.")
        {
            data, model, id, label, output, redis, ttl, reasons,
        };
        command.SetAction((parse, _) =>
        {
            var ttlText = parse.GetValue(ttl)!;
            if (!LabelArguments.TryTtl(ttlText, out var lifetime))
                throw new UsageException($"--ttl '{ttlText}': expected a count and a unit: 45s, 90m, 12h, 30d, 2w");
            var reasonCount = parse.GetValue(reasons) is var n and >= 0 and <= 10 ? n : throw new UsageException($"--reasons {parse.GetValue(reasons)}: expected 0 to 10");
            var outFile = parse.GetValue(output);
            var redisText = parse.GetValue(redis);
            if (outFile is null && redisText is null)
                throw new UsageException("say where the labels go: --out labels.csv, --redis host:port, or both");
            if (outFile?.Directory is { Exists: false } directory)
                throw new UsageException($"--out {outFile.FullName}: the folder {directory.FullName} does not exist");
            var modelFile = parse.GetValue(model) ?? throw new UsageException("--model risk.zip is required: train one with `fraudstream risk train`");
            if (!modelFile.Exists)
                throw new UsageException($"--model {modelFile.FullName}: no such file");

            var riskModel = RiskInput.Model(modelFile);
            var table = RiskInput.Table(parse.GetValue(data), parse.GetValue(label)!, requireLabel: false, parse.GetValue(id));
            List<RiskLabel> Score(ushort home)
            {
                try
                {
                    return RiskLabeller.Score(riskModel, table, home, DateTimeOffset.UtcNow + lifetime, reasonCount);
                }
                catch (RiskDataException e)
                {
                    throw new UsageException(e.Message);
                }
            }

            if (redisText is not null)
            {
                return LabelsSession.RunAsync(cli, parse, redis!, async (session, ct) =>
                {
                    var scored = Score(session.HomeCountryCode);
                    Write(outFile, scored, ttlText);
                    var labels = scored.Where(s => s.Label is not null).Select(s => s.Label!).ToList();
                    var store = await session.OpenStoreAsync().ConfigureAwait(false);
                    var written = labels.Count == 0 ? 0 : await store.ImportAsync(labels, LabelsSession.Actor, ct).ConfigureAwait(false);
                    await Summary(cli, riskModel, scored, outFile, written, labels.Count - written).ConfigureAwait(false);
                    return ExitCodes.Ok;
                });
            }

            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), []);
            return CommandHost.RunAsync(builder, async (services, _) =>
            {
                var scored = Score(services.GetRequiredService<IOptions<IngestOptions>>().Value.HomeCountryCode);
                Write(outFile, scored, ttlText);
                await Summary(cli, riskModel, scored, outFile, null, null).ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static void Write(FileInfo? file, List<RiskLabel> scored, string ttl)
    {
        if (file is null)
            return;
        var temporary = $"{file.FullName}.{Environment.ProcessId}.tmp";
        using (var writer = new StreamWriter(temporary))
        {
            writer.WriteLine(LabelCsv.Header);
            foreach (var s in scored)
            {
                if (s.Label is { } label)
                    writer.WriteLine($"{LabelFormat.Number(label.Number)},{Scoring.Blocklist.LabelNames.Name(label.Category)},{Scoring.Blocklist.LabelNames.Name(label.Source)},{LabelCsv.Quote(label.Reason)},{ttl}");
            }
        }

        File.Move(temporary, file.FullName, overwrite: true);
    }

    private static Task Summary(CliContext cli, RiskModel model, List<RiskLabel> scored, FileInfo? file, int? written, int? kept)
    {
        var fraud = scored.Count(s => s.Label?.Category == Scoring.Blocklist.LabelCategory.Fraud);
        var suspect = scored.Count(s => s.Label?.Category == Scoring.Blocklist.LabelCategory.Suspect);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{scored.Count:N0} numbers scored with risk model {model.Version}: {fraud:N0} fraud (≥ {model.FraudThreshold:F3}), {suspect:N0} suspect (≥ {model.Threshold:F3}), {(fraud + suspect) / (double)scored.Count:P1} of the numbers labelled");
        if (file is not null)
            text += $"; labels written to {file.FullName}";
        if (written is not null)
            text += string.Create(CultureInfo.InvariantCulture, $"; {written:N0} labels written to Redis, {kept:N0} numbers kept their label (from another source, or allow-listed)");
        return cli.Output.WriteLineAsync(text);
    }
}
