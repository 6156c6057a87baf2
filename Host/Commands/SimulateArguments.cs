using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using FraudStream.Host.Hosting;
using FraudStream.Simulator;
using FraudStream.Simulator.Output;

namespace FraudStream.Host.Commands;

/// <summary>The options of <c>fraudstream simulate</c> and their checks; every problem is one <see cref="UsageException"/> line.</summary>
internal sealed partial class SimulateArguments
{
    public const string DefaultTopic = "telco.cdr.v1";
    public const long DefaultCount = 1_000_000;

    public Option<string> Out { get; } = new("--out") { Description = "Write JSON Lines (one CDR v1 record per line) to this file.", HelpName = "file.jsonl" };

    public Option<string> Truth { get; } = new("--truth") { Description = "Write the ground truth (number,kind,role,actorId) to this CSV. Default: <out>.truth.csv beside --out.", HelpName = "file.csv" };

    public Option<string> Bootstrap { get; } = new("--bootstrap") { Description = "Produce to Kafka at host:port[,host:port] (keyed by caller, idempotent, acknowledged per batch).", HelpName = "host:port" };

    public Option<string> Topic { get; } = new("--topic") { Description = "Kafka topic.", DefaultValueFactory = _ => DefaultTopic };

    public Option<long?> Count { get; } = new("--count") { Description = $"Records to emit, duplicates and malformed ones included. Default {DefaultCount:N0} unless --duration is given.", HelpName = "N" };

    public Option<double?> Duration { get; } = new("--duration") { Description = "Stop after this many wall-clock seconds (with --rate: rate x duration records).", HelpName = "seconds" };

    public Option<double?> Rate { get; } = new("--rate") { Description = "Records per second, paced by the wall clock. Default 50000 to Kafka, as fast as possible to a file only.", HelpName = "per-second" };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Random seed; the same seed and options give byte-identical output.", DefaultValueFactory = _ => 42UL };

    public Option<int> Population { get; } = new("--population") { Description = "Home-network subscribers.", DefaultValueFactory = _ => 100_000 };

    public Option<string> Start { get; } = new("--start") { Description = "Simulated time of the first event, RFC 3339 with offset; the offset is the carrier's time zone. Default 2026-03-02T00:00:00+08:00.", HelpName = "time" };

    public Option<int> HomeCountry { get; } = new("--home-country") { Description = "Country calling code of the home network.", DefaultValueFactory = _ => 86 };

    public Option<string[]> Fraud { get; } = new("--fraud")
    {
        Description = $"Fraud actors of one kind as kind=count[:intensity], repeatable; count 0 turns a kind off. Kinds: {FraudKinds.NameList}.",
        HelpName = "kind=count[:intensity]",
    };

    public Option<bool> NoFraud { get; } = new("--no-fraud") { Description = "No default fraud actors (only those named by --fraud)." };

    public Option<double> Duplicates { get; } = new("--duplicates") { Description = "Fraction of records emitted again a little later, byte-identical (at-least-once delivery). Default 0.", HelpName = "fraction" };

    public Option<double> Malformed { get; } = new("--malformed") { Description = "Fraction of records followed by a broken one (not JSON, missing field, bad value). Default 0.", HelpName = "fraction" };

    public IEnumerable<Option> All => [Out, Truth, Bootstrap, Topic, Count, Duration, Rate, Seed, Population, Start, HomeCountry, Fraud, NoFraud, Duplicates, Malformed];

    public SimulateRequest Parse(ParseResult parse)
    {
        var count = parse.GetValue(Count);
        if (count is < 1)
            throw new UsageException($"--count {count}: expected 1 or more records");
        var duration = parse.GetValue(Duration);
        if (duration is not null && (duration <= 0 || duration > 7 * 86_400 || double.IsNaN(duration.Value)))
            throw new UsageException($"--duration {Text(duration.Value)}: expected seconds above 0, at most a week");
        var rate = parse.GetValue(Rate);
        if (rate is not null && (rate < 0 || rate > 10_000_000 || double.IsNaN(rate.Value)))
            throw new UsageException($"--rate {Text(rate.Value)}: expected records per second from 0 (as fast as possible) to 10000000");

        var fraud = new List<FraudSpec>();
        foreach (var text in parse.GetValue(Fraud) ?? [])
        {
            if (!FraudSpec.TryParse(text, out var spec, out var error))
                throw new UsageException("--fraud " + error);
            fraud.Add(spec.Value);
        }

        var limits = new RunLimits(count ?? (duration is null ? DefaultCount : null), duration is { } s ? TimeSpan.FromSeconds(s) : null, rate ?? 0);
        var simulation = new SimulationOptions
        {
            Seed = parse.GetValue(Seed),
            Population = parse.GetValue(Population),
            Start = ParseStart(parse.GetValue(Start)),
            HomeCountry = parse.GetValue(HomeCountry),
            NoFraud = parse.GetValue(NoFraud),
            Fraud = fraud,
            Duplicates = parse.GetValue(Duplicates),
            Malformed = parse.GetValue(Malformed),
            ExpectedRecords = limits.ExpectedRecords(),
        };
        if (simulation.Validate() is { } problem)
            throw new UsageException(problem);

        var output = parse.GetValue(Out);
        var truth = parse.GetValue(Truth) ?? (output is null ? null : output + ".truth.csv");
        return new SimulateRequest(simulation, limits, output, truth, parse.GetValue(Topic) ?? DefaultTopic, rate is not null);
    }

    private static DateTimeOffset ParseStart(string? text)
    {
        if (text is null)
            return new SimulationOptions().Start;
        if (!ExplicitOffset().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            throw new UsageException($"--start {text}: expected an RFC 3339 time with offset, e.g. 2026-03-02T00:00:00+08:00");
        return start;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();
}
