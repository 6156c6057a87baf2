using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Scoring.Training;
using FraudStream.Simulator;
using Spectre.Console;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream train</c>: trains the ML.NET fraud classifier (LightGbm or FastTree) on labelled traffic (simulated,
/// or a JSONL file with its truth CSV) through the stream's own feature code, and reports held-out AUC, AUPRC,
/// precision and recall per event and per number, and recall per fraud kind.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliContext cli)
    {
        var simulate = new Option<int?>("--simulate") { Description = "Train on N simulated records (default 1000000 when --data is not given).", HelpName = "N" };
        var data = new Option<FileInfo?>("--data") { Description = "CDR v1 JSON Lines file to train on (with --truth).", HelpName = "events.jsonl" };
        var truth = new Option<FileInfo?>("--truth") { Description = "Ground truth CSV number,kind,role[,actorId] for --data.", HelpName = "truth.csv" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation, the split and the trainer.", DefaultValueFactory = _ => 42 };
        var population = new Option<int>("--population") { Description = "Simulated subscribers.", DefaultValueFactory = _ => 100_000 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of numbers held out for evaluation.", DefaultValueFactory = _ => 0.2 };
        var defaults = new ForestTrainingOptions();
        var trainer = new Option<string>("--trainer") { Description = "ML.NET trainer: lightgbm or fasttree.", DefaultValueFactory = _ => "lightgbm", HelpName = "name" };
        var trees = new Option<int>("--trees") { Description = "Boosting iterations (one tree each).", DefaultValueFactory = _ => defaults.Trees };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree, at most.", DefaultValueFactory = _ => defaults.Leaves };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var positiveWeight = new Option<double?>("--positive-weight") { Description = "Weight of a fraud row against a legitimate one (default: the square root of their imbalance).", HelpName = "w" };
        var worlds = new Option<int>("--worlds") { Description = "Simulated worlds to train on, each with its own variation drawn from the training ranges (domain randomisation); the first is the standard world.", DefaultValueFactory = _ => 10 };
        var budget = new Option<double>("--budget") { Description = "Share of legitimate numbers the model may warn (its part of the 0.05 % goal; the rules take the rest); the cut-off is chosen on validation worlds no training saw.", DefaultValueFactory = _ => 0.0001 };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model (an ML.NET model zip).", DefaultValueFactory = _ => new FileInfo("fraud-model.zip"), HelpName = "model.zip" };

        var command = new Command("train", "Train the model on labelled traffic; report precision, recall and AUC.")
        {
            simulate, data, truth, seed, population, testFraction, trainer, trees, leaves, learningRate, positiveWeight, worlds, budget, output,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var request = new TrainRequest(parse.GetValue(simulate), parse.GetValue(data), parse.GetValue(truth), parse.GetValue(seed),
                parse.GetValue(population), parse.GetValue(testFraction), parse.GetValue(trainer)!, parse.GetValue(trees), parse.GetValue(leaves), parse.GetValue(learningRate), parse.GetValue(positiveWeight), parse.GetValue(output)!, parse.GetValue(worlds), parse.GetValue(budget));
            request.Validate();
            return Task.FromResult(Run(cli, request, cancellationToken));
        });
        return command;
    }

    private static int Run(CliContext cli, TrainRequest request, CancellationToken cancellationToken)
    {
        var console = cli.CreateConsole();
        var clock = Stopwatch.StartNew();
        var (set, records, rejected) = request.Data is null ? Simulated(request, cancellationToken) : FromFile(request, cancellationToken);
        var prepared = clock.Elapsed;

        ForestTrainingOptions.TryParseTrainer(request.Trainer, out var kind);
        var options = new ForestTrainingOptions { Trainer = kind, Trees = request.Trees, Leaves = request.Leaves, LearningRate = request.LearningRate, PositiveWeight = request.PositiveWeight, Seed = request.Seed };
        var (model, evaluation) = ModelTraining.Train(set, options);
        model.Save(request.Output.FullName);
        Report(console, request, set, evaluation, model, records, rejected, prepared, clock.Elapsed - prepared);
        if (request.Data is null)
        {
            var choice = ChooseThreshold(request, model, cancellationToken);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cut-off for at most {request.Budget:P2} of legitimate numbers warned, chosen on validation worlds no training saw (a drawn one and the training ranges' hardest corner): model.minScore {choice.Threshold:R} ({choice.LegitimateAbove:N0} of {choice.LegitimateCallers:N0} legitimate callers and {choice.SuspectsAbove:N0} of {choice.Suspects:N0} suspects reach it)"));
        }

        return ExitCodes.Ok;
    }

    private static (TrainingSet Set, long Records, long Rejected) Simulated(TrainRequest request, CancellationToken cancellationToken)
    {
        var count = request.Simulate ?? 1_000_000;
        var perWorld = count / request.Worlds;
        TrainingSet? set = null;
        long kept = 0;
        for (var w = 0; w < request.Worlds; w++)
        {
            var (events, truth) = SimulatedTraffic.Generate(World(request, w), perWorld, cancellationToken);
            if (set is null)
                set = new TrainingSet(truth, new FeatureOptions(), 86, request.TestFraction, (ulong)request.Seed);
            else
                set.StartWorld(truth);
            foreach (var e in events)
                set.Add(e);
            kept += events.Count;
        }

        return (set!, perWorld * request.Worlds, (perWorld * request.Worlds) - kept);
    }

    private const double ValidationHistoryDays = 1;

    // World 0 is the standard one; every other draws its variation from the training ranges. The validation world
    // (index -1) draws one too, from a seed no training world uses.
    private static SimulationOptions World(TrainRequest request, int index) => new()
    {
        Seed = ((ulong)request.Seed * 1_000) + (ulong)(index + 1),
        Population = request.Population,
        Variation = index == 0 ? TrafficVariation.Standard : TrafficVariation.Draw(((ulong)request.Seed * 1_000) + (ulong)(index + 1)),
    };

    // The budget must hold across the training ranges, not only in one draw from them: the cut-off is the higher of
    // the one chosen on a drawn world and the one chosen at the ranges' hardest corner (TrafficVariation.TrainingCorner),
    // each after a day of its legitimate history, as a carrier's state holds (first contacts are then rare, as in service).
    private static ThresholdChoice.Choice ChooseThreshold(TrainRequest request, FraudModel model, CancellationToken cancellationToken)
    {
        var records = Math.Max(200_000, (request.Simulate ?? 1_000_000) / request.Worlds);
        ThresholdChoice.Choice? chosen = null;
        foreach (var options in new[] { World(request, -1), World(request, -2) with { Variation = TrafficVariation.TrainingCorner } })
        {
            var history = SimulatedTraffic.History(options, ValidationHistoryDays, cancellationToken);
            var (events, truth) = SimulatedTraffic.Generate(options, records, cancellationToken);
            var choice = ThresholdChoice.ForBudget(model, history, events, truth, request.Budget, new FeatureOptions());
            if (chosen is null || choice.Threshold > chosen.Value.Threshold)
                chosen = choice;
        }

        return chosen!.Value;
    }

    private static (TrainingSet Set, long Records, long Rejected) FromFile(TrainRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        TruthSet truth;
        using (var reader = request.Truth!.OpenText())
            truth = TruthSet.Parse(reader, 86, errors);
        if (errors.Count > 0)
            throw new UsageException($"--truth {request.Truth.Name}: {errors.Count} bad lines, first {errors[0]}");

        var set = new TrainingSet(truth, new FeatureOptions(), 86, request.TestFraction, (ulong)request.Seed);
        var decoder = new CdrDecoder();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long records = 0, rejected = 0;
        using var lines = request.Data!.OpenText();
        while (lines.ReadLine() is { } line)
        {
            if ((++records & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (decoder.Decode(Encoding.UTF8.GetBytes(line), now, out var e).IsOk)
                set.Add(e);
            else
                rejected++;
        }

        return (set, records, rejected);
    }

    private static void Report(IAnsiConsole console, TrainRequest request, TrainingSet set, Evaluation evaluation, FraudModel model,
        long records, long rejected, TimeSpan prepare, TimeSpan train)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{records:N0} records ({rejected:N0} rejected by the decoder), {set.TrainCount:N0} training and {set.TestCount:N0} test events; features in {prepare.TotalSeconds:F1} s, training in {train.TotalSeconds:F1} s"));

        var table = new Table().AddColumns("held-out metric", "value");
        table.AddRow("AUC (events)", F(evaluation.EventAuc));
        table.AddRow("AUPRC (events, average precision)", F(evaluation.EventAuprc));
        table.AddRow($"precision / recall (events, score ≥ {Evaluation.Threshold})", $"{F(evaluation.EventPrecision)} / {F(evaluation.EventRecall)}");
        table.AddRow($"precision / recall (numbers: any event ≥ {Evaluation.Threshold})", $"{F(evaluation.NumberPrecision)} / {F(evaluation.NumberRecall)}");
        table.AddRow("test numbers (of which suspects)", string.Create(CultureInfo.InvariantCulture, $"{evaluation.TestNumbers:N0} ({evaluation.TestSuspects:N0})"));
        foreach (var kind in evaluation.PerKind)
            table.AddRow($"recall of {kind.Kind}", string.Create(CultureInfo.InvariantCulture, $"{F(kind.Recall)} ({kind.Found}/{kind.Total})"));
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Trainer}: {model.TreeCount} trees over {model.FeatureCount} features"));
        console.WriteLine($"model {model.Version} written to {request.Output.FullName}");
    }

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", CultureInfo.InvariantCulture);
}
