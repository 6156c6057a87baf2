using System.CommandLine;
using System.Globalization;
using FraudStream.Host.Hosting;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Risk;
using Spectre.Console;

namespace FraudStream.Host.Commands.Risk;

/// <summary>
/// <c>fraudstream risk train</c>: searches hyper-parameters on the validation rows, grows the model, chooses the
/// cut-offs on the validation rows, and reports the test rows; with <c>--seeds N</c>, N seeds and their mean ± sd.
/// </summary>
internal static class RiskTrainCommand
{
    public static Command Create(CliContext cli)
    {
        var data = new Option<FileInfo?>("--data") { Description = "Per-number CSV: an id column, numeric columns, a 0/1 label.", HelpName = "numbers.csv" };
        var label = new Option<string>("--label") { Description = "The label's column.", DefaultValueFactory = _ => RiskTableReader.DefaultLabel, HelpName = "column" };
        var id = new Option<string?>("--id") { Description = "The id's column (default: the first).", HelpName = "column" };
        var split = new Option<FileInfo?>("--split") { Description = "Split file row,label,split (train/val/test); default a stratified 60/20/20 split by --seed.", HelpName = "split.csv" };
        var trainer = new Option<string>("--trainer") { Description = "ML.NET trainer: lightgbm or fasttree.", DefaultValueFactory = _ => "lightgbm", HelpName = "name" };
        var seed = new Option<int>("--seed") { Description = "Seed of the search, the trees and the default split.", DefaultValueFactory = _ => 42 };
        var seeds = new Option<int>("--seeds") { Description = "Train with N seeds from --seed on; report each and the mean ± sd (the model of --seed is written).", DefaultValueFactory = _ => 1, HelpName = "N" };
        var columns = new Option<string>("--columns") { Description = "all, or cdr: only the columns CDRs give (docs/risk.md).", DefaultValueFactory = _ => "all", HelpName = "set" };
        var noTenure = new Option<bool>("--no-tenure") { Description = "Leave out the columns that measure how long a line was active (voc_day_nunique, day_nunique, month_ids)." };
        var noRatios = new Option<bool>("--no-ratios") { Description = "No derived ratios of the columns." };
        var defaults = new RiskTrainingOptions();
        var trials = new Option<int>("--trials") { Description = "Hyper-parameter sets tried on the validation rows.", DefaultValueFactory = _ => defaults.Trials };
        var members = new Option<int>("--members") { Description = "Models grown with the chosen hyper-parameters and different seeds, averaged.", DefaultValueFactory = _ => defaults.Members };
        var top = new Option<int?>("--top-sets") { Description = $"Grow the members with the best K hyper-parameter sets in turn (default {defaults.TopSets}, at most --members).", HelpName = "K" };
        var fast = new Option<bool>("--fast") { Description = "A quick search (6 sets, one member): for tests and smoke runs." };
        var precision = new Option<double>("--fraud-precision") { Description = "Validation precision the fraud (block) band must reach; below it, suspect (warn).", DefaultValueFactory = _ => defaults.FraudPrecision };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model (an ML.NET model zip).", DefaultValueFactory = _ => new FileInfo("risk-model.zip"), HelpName = "risk.zip" };

        var command = new Command("train", "Train the risk model on labelled numbers; report test AUC and F1.")
        {
            data, label, id, split, trainer, seed, seeds, columns, noTenure, noRatios, trials, members, top, fast, precision, output,
        };
        command.SetAction((parse, _) =>
        {
            var trainerName = parse.GetValue(trainer)!;
            if (!ForestTrainingOptions.TryParseTrainer(trainerName, out var kind))
                throw new UsageException($"--trainer {trainerName}: expected lightgbm or fasttree");
            var set = parse.GetValue(columns) switch
            {
                "all" => RiskColumnSet.All,
                "cdr" => RiskColumnSet.Cdr,
                var other => throw new UsageException($"--columns {other}: expected all or cdr"),
            };
            var options = new RiskTrainingOptions
            {
                Trainer = kind,
                Seed = Range(parse.GetValue(seed), "--seed", 0, int.MaxValue - 1000),
                Columns = set,
                WithoutTenure = parse.GetValue(noTenure),
                Ratios = !parse.GetValue(noRatios),
                Trials = parse.GetValue(fast) ? 6 : Range(parse.GetValue(trials), "--trials", 1, 1000),
                Members = parse.GetValue(fast) ? 1 : Range(parse.GetValue(members), "--members", 1, 64),
                TopSets = parse.GetValue(fast) ? 1 : TopSets(parse.GetValue(top), parse.GetValue(trials), parse.GetValue(members), defaults.TopSets),
                FraudPrecision = FraudPrecision(parse.GetValue(precision)),
            };
            var count = Range(parse.GetValue(seeds), "--seeds", 1, 100);
            var outFile = parse.GetValue(output)!;
            if (!outFile.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"--out {outFile.Name}: the model file is an ML.NET model zip and must end in .zip");
            if (outFile.Directory is { Exists: false } directory)
                throw new UsageException($"--out {outFile.FullName}: the folder {directory.FullName} does not exist");

            var labelColumn = parse.GetValue(label)!;
            var table = RiskInput.Table(parse.GetValue(data), labelColumn, requireLabel: true, parse.GetValue(id));
            return Task.FromResult(Run(cli, table, parse.GetValue(split), options, count, labelColumn, outFile));
        });
        return command;
    }

    private static int Run(CliContext cli, RiskTable table, FileInfo? splitFile, RiskTrainingOptions options, int seeds, string labelColumn, FileInfo output)
    {
        var console = cli.CreateConsole();
        var results = new List<RiskTrainingResult>();
        for (var s = 0; s < seeds; s++)
        {
            var seeded = options with { Seed = options.Seed + s };
            var split = RiskInput.Split(splitFile, table, seeded.Seed);
            if (s == 0)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{table.Source}: {table.RowCount:N0} numbers, {table.Labels!.Count(l => l > 0.5f):N0} fraud; split {split.Description}"));
            }

            RiskTrainingResult result;
            try
            {
                result = RiskTrainer.Train(table, split, seeded, labelColumn);
            }
            catch (RiskDataException e)
            {
                throw new UsageException(e.Message);
            }

            results.Add(result);
            if (s == 0)
            {
                result.Model.Save(output.FullName);
                RiskTrainReport.Write(console, result, output);
            }

            if (seeds > 1)
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seed {seeded.Seed}: test AUC {result.Test.Auc:F4}, AUPRC {result.Test.Auprc:F4}, macro-F1 {result.Test.MacroF1:F4}, precision {result.Test.Precision:F3}, recall {result.Test.Recall:F3}; validation AUC {result.Validation.Auc:F4}; {result.TrainTime.TotalSeconds:F1} s; {result.Model.Trained}"));
        }

        if (seeds > 1)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seeds} seeds: test AUC {RiskTrainReport.MeanSd(results, r => r.Test.Auc)}, AUPRC {RiskTrainReport.MeanSd(results, r => r.Test.Auprc)}, macro-F1 {RiskTrainReport.MeanSd(results, r => r.Test.MacroF1)}, precision {RiskTrainReport.MeanSd(results, r => r.Test.Precision)}, recall {RiskTrainReport.MeanSd(results, r => r.Test.Recall)}; validation AUC {RiskTrainReport.MeanSd(results, r => r.Validation.Auc)}, macro-F1 {RiskTrainReport.MeanSd(results, r => r.Validation.MacroF1)}; training {RiskTrainReport.MeanSd(results, r => r.TrainTime.TotalSeconds, "F1")} s"));
        }

        return ExitCodes.Ok;
    }

    private static int TopSets(int? given, int trials, int members, int fallback)
        => given is { } k ? Range(k, "--top-sets", 1, Math.Min(trials, members)) : Math.Min(fallback, Math.Min(trials, members));

    private static double FraudPrecision(double value)
        => value is > 0 and <= 1 ? value : throw new UsageException($"--fraud-precision {value}: expected more than 0 and at most 1");

    private static int Range(int value, string option, int min, int max)
        => value >= min && value <= max ? value : throw new UsageException($"{option} {value}: expected {min} to {max}");
}
