using System.CommandLine;
using System.Globalization;
using System.Text;
using FraudStream.Host.Commands.Labels;
using FraudStream.Host.Hosting;
using FraudStream.Ingest;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Commands.Risk;

/// <summary>
/// <c>fraudstream risk features</c>: per-number aggregates of CDRs (a JSON Lines file, or a Kafka topic over a time
/// range), named as the Sichuan dataset's columns, as a CSV <c>risk train</c> and <c>risk score</c> read.
/// </summary>
internal static class RiskFeaturesCommand
{
    public static Command Create(CliContext cli)
    {
        var from = new Option<FileInfo?>("--from") { Description = "CDR v1 JSON Lines file to aggregate.", HelpName = "cdrs.jsonl" };
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Aggregate a Kafka topic instead (Kafka:BootstrapServers).", HelpName = "servers" };
        var topic = new Option<string?>("--topic") { Description = "The CDR topic (default Ingest:Topic, telco.cdr.v1).", HelpName = "name" };
        var since = new Option<string?>("--since") { Description = "With --bootstrap: the first event time (RFC 3339) or a look-back (30d).", HelpName = "time" };
        var until = new Option<string?>("--until") { Description = "With --bootstrap: the end of the range, exclusive (RFC 3339; default now).", HelpName = "time" };
        var offset = new Option<double>("--utc-offset") { Description = "Hours added to UTC for hours of the day and days of the month (8 for China).", DefaultValueFactory = _ => 0 };
        var everyone = new Option<bool>("--all-numbers") { Description = "A row for every number seen, not only the ones that placed a call or sent an SMS." };
        var skip = new Option<bool>("--skip-invalid") { Description = "Count and skip records the CDR decoder refuses, instead of stopping at the first." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the per-number CSV.", DefaultValueFactory = _ => new FileInfo("numbers.csv"), HelpName = "numbers.csv" };

        var command = new Command("features", "Per-number aggregates of CDRs, named as in the Sichuan dataset.")
        {
            from, bootstrap, topic, since, until, offset, everyone, skip, output,
        };
        command.SetAction((parse, _) =>
        {
            var file = parse.GetValue(from);
            var servers = parse.GetValue(bootstrap);
            if ((file is null) == (servers is null))
                throw new UsageException("aggregate either a file (--from cdrs.jsonl) or a Kafka topic (--bootstrap with --since), not both or neither");
            if (file is { Exists: false })
                throw new UsageException($"--from {file.FullName}: no such file");
            if (file is not null && (parse.GetValue(since) ?? parse.GetValue(until)) is not null)
                throw new UsageException("--since and --until go with --bootstrap (a file is aggregated whole)");
            var hours = parse.GetValue(offset);
            if (hours is < -14 or > 14 || double.IsNaN(hours))
                throw new UsageException($"--utc-offset {hours}: expected -14 to 14 hours");
            var outFile = parse.GetValue(output)!;
            if (outFile.Directory is { Exists: false } directory)
                throw new UsageException($"--out {outFile.FullName}: the folder {directory.FullName} does not exist");

            var now = DateTimeOffset.UtcNow;
            var range = servers is null ? default : Range(parse.GetValue(since), parse.GetValue(until), now);
            var aggregator = new CdrAggregator(TimeSpan.FromHours(hours));
            var request = new Request(file, range, parse.GetValue(skip), parse.GetValue(everyone), outFile);
            var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), CommandLineOverrides.From(parse, (bootstrap, "Kafka:BootstrapServers"), (topic, "Ingest:Topic")));
            return CommandHost.RunAsync(builder, (services, stopping) =>
            {
                var ingest = services.GetRequiredService<IOptions<IngestOptions>>().Value;
                var kafka = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
                return Task.FromResult(Run(cli, request, aggregator, ingest, kafka, stopping));
            });
        });
        return command;
    }

    private static int Run(CliContext cli, Request request, CdrAggregator aggregator, IngestOptions ingest, KafkaOptions kafka, CancellationToken stopping)
    {
        var decoder = new CdrDecoder(ingest);
        var counts = new Counts();
        var seen = new HashSet<ulong>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string source;
        if (request.File is { } file)
        {
            source = file.Name;
            using var lines = file.OpenText();
            long line = 0;
            while (lines.ReadLine() is { } text)
            {
                line++;
                if (text.Length == 0)
                    continue;
                Add(Encoding.UTF8.GetBytes(text), $"{file.Name}: line {line}", request, decoder, now, aggregator, seen, counts);
            }
        }
        else
        {
            if (kafka.Validate(bootstrapRequired: true) is { } problem)
                throw new UsageException(problem);
            source = ingest.Topic;
            using var reader = CdrTopicRange.Open(kafka, ingest.Topic, request.Range.Since);
            if (!reader.SeekedByTime)
                cli.Error.WriteLine($"fraudstream: Kafka at {kafka.BootstrapServers} cannot look offsets up by time; reading {ingest.Topic} from its start");
            foreach (var (value, where) in reader.Records(stopping))
                Add(value, where, request, decoder, now, aggregator, seen, counts);
        }

        var table = aggregator.ToTable(source, callersOnly: !request.Everyone);
        RiskCsv.Write(request.Output, table);
        cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{counts.Records:N0} CDRs aggregated into {table.RowCount:N0} numbers × {table.Columns.Count} columns, written to {request.Output.FullName}; {counts.Duplicates:N0} redeliveries counted once, {counts.Invalid:N0} invalid skipped{(counts.FirstInvalid is null ? "" : $" (first: {counts.FirstInvalid})")}, {counts.OutOfRange:N0} outside the time range"));
        return ExitCodes.Ok;
    }

    private static void Add(byte[] value, string where, Request request, CdrDecoder decoder, long now, CdrAggregator aggregator, HashSet<ulong> seen, Counts counts)
    {
        var result = decoder.Decode(value, now, out var e);
        if (!result.IsOk)
        {
            var why = $"{where}: {result.Message ?? result.Error.ToString()}";
            if (!request.SkipInvalid)
                throw new UsageException(why + " (--skip-invalid counts and skips such records)");
            counts.Invalid++;
            counts.FirstInvalid ??= why;
        }
        else if (!seen.Add(e.RecordHash))
        {
            counts.Duplicates++;
        }
        else if (request.File is null && (e.StartTimeMs < request.Range.Since.ToUnixTimeMilliseconds() || e.StartTimeMs >= request.Range.Until.ToUnixTimeMilliseconds()))
        {
            counts.OutOfRange++;
        }
        else
        {
            aggregator.Add(e);
            counts.Records++;
        }
    }

    private static (DateTimeOffset Since, DateTimeOffset Until) Range(string? since, string? until, DateTimeOffset now)
    {
        if (since is null)
            throw new UsageException("--bootstrap needs --since: the first event time (RFC 3339) or a look-back such as 30d");
        DateTimeOffset start;
        if (LabelArguments.TryTtl(since, out var back))
            start = now - back;
        else if (Rfc3339.TryParse(Encoding.UTF8.GetBytes(since), out var ms))
            start = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        else
            throw new UsageException($"--since '{since}': expected RFC 3339 (2026-11-01T00:00:00Z) or a look-back (12h, 30d, 2w)");
        var end = now;
        if (until is not null)
        {
            if (!Rfc3339.TryParse(Encoding.UTF8.GetBytes(until), out var untilMs))
                throw new UsageException($"--until '{until}': expected RFC 3339 (2026-12-01T00:00:00Z)");
            end = DateTimeOffset.FromUnixTimeMilliseconds(untilMs);
        }

        return end > start ? (start, end) : throw new UsageException($"--until {end:O} is not after --since {start:O}");
    }

    private sealed record Request(FileInfo? File, (DateTimeOffset Since, DateTimeOffset Until) Range, bool SkipInvalid, bool Everyone, FileInfo Output);

    private sealed class Counts
    {
        public long Records;
        public long Duplicates;
        public long Invalid;
        public long OutOfRange;
        public string? FirstInvalid;
    }
}
