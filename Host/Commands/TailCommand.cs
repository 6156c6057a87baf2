using System.CommandLine;
using System.Text;
using Confluent.Kafka;
using FraudStream.Alerts;
using FraudStream.Alerts.Records;
using FraudStream.Host.Commands.Labels;
using FraudStream.Host.Commands.Tail;
using FraudStream.Host.Hosting;
using FraudStream.Ingest;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream tail</c>: follows the alert topic (docs/contracts/alert-v1.md) as readable lines or JSON lines,
/// filtered by kind, severity and number, outside any consumer group and committing nothing.
/// </summary>
internal static class TailCommand
{
    private const int LongestLine = 4096;

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);

    private static readonly System.Buffers.SearchValues<char> s_hexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public static Command Create(CliContext cli)
    {
        var arguments = new TailArguments();
        var command = new Command("tail", "Follow the alert topic, readable or as JSON lines.");
        foreach (var option in arguments.All)
            command.Options.Add(option);

        command.SetAction((parse, _) =>
        {
            var request = arguments.Parse(parse);
            var builder = CommandHost.CreateBuilder(
                parse.GetValue(cli.Config),
                CommandLineOverrides.From(parse, (arguments.Bootstrap, "Kafka:BootstrapServers"), (arguments.Topic, "Alerts:Topic")));
            return CommandHost.RunAsync(builder, (services, stopping) => RunAsync(
                cli,
                request,
                services.GetRequiredService<IOptions<KafkaOptions>>().Value,
                services.GetRequiredService<IOptions<AlertsOptions>>().Value,
                services.GetRequiredService<IOptions<IngestOptions>>().Value,
                stopping));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, TailRequest request, KafkaOptions kafka, AlertsOptions alerts, IngestOptions ingest, CancellationToken stopping)
    {
        if (kafka.Validate(bootstrapRequired: true) is { } problem)
            throw new UsageException(problem);
        var filter = new AlertFilter(request.Kinds, request.MinSeverity, Numbers(request.Numbers, ingest.HomeCountryCode, NumberPseudonymiser.For(alerts.Pseudonymise)));

        // The blocking consume loop gets its own thread; Ctrl-C cancels `stopping`, which the loop checks every poll.
        return await Task.Factory.StartNew(
            () => Follow(cli, request, filter, kafka, alerts.Topic, stopping),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
    }

    private static int Follow(CliContext cli, TailRequest request, AlertFilter filter, KafkaOptions kafka, string topic, CancellationToken stopping)
    {
        var lastError = ErrorCode.NoError;
        void OnError(Error error)
        {
            // librdkafka reports the same trouble on every retry; say it once until it changes.
            if (error.Code == lastError)
                return;
            lastError = error.Code;
            cli.Error.WriteLine($"fraudstream: Kafka at {kafka.BootstrapServers}: {error.Reason}");
        }

        AlertTopicReader reader;
        try
        {
            reader = AlertTopicReader.Open(kafka, topic, request.FromBeginning, OnError);
        }
        catch (KafkaException e)
        {
            cli.Error.WriteLine($"fraudstream: cannot reach Kafka at {kafka.BootstrapServers}: {e.Error.Reason}");
            return ExitCodes.Failed;
        }

        using (reader)
        {
            var console = !request.Json && cli.IsTerminal ? cli.CreateConsole() : null;
            if (console is not null)
                console.Profile.Width = LongestLine; // the terminal wraps a long alert; Spectre would wrap it at words
            if (cli.IsTerminal)
                cli.Error.WriteLine($"# following {topic} ({reader.Partitions} partitions) at {kafka.BootstrapServers} from the {(request.FromBeginning ? "beginning" : "end")}; Ctrl-C stops");

            var time = TimeProvider.System;
            var printed = 0L;
            var lastPrinted = time.GetTimestamp();
            while (!stopping.IsCancellationRequested)
            {
                if (request.Idle is { } idle && time.GetElapsedTime(lastPrinted) >= idle)
                    break;

                ConsumeResult<Ignore, byte[]?>? record;
                try
                {
                    record = reader.Next(s_poll);
                }
                catch (ConsumeException e)
                {
                    OnError(e.Error);
                    continue;
                }

                if (record is null)
                    continue;
                lastError = ErrorCode.NoError;
                if (!Print(cli, console, request.Json, filter, record))
                    continue;

                lastPrinted = time.GetTimestamp();
                if (++printed == request.Max)
                    break;
            }
        }

        return ExitCodes.Ok;
    }

    // Returns whether the record was printed.
    private static bool Print(CliContext cli, IAnsiConsole? console, bool json, AlertFilter filter, ConsumeResult<Ignore, byte[]?> record)
    {
        var value = record.Message.Value;
        string? error = null;
        if (value is null || value.Length == 0)
            error = "empty value";
        else if (AlertView.TryParse(value, out var alert, out error))
        {
            if (!filter.Matches(alert))
                return false;
            if (json)
                cli.Output.WriteLine(OneLine(value));
            else if (console is not null)
                console.MarkupLine(AlertLine.Markup(alert));
            else
                cli.Output.WriteLine(AlertLine.Plain(alert));
            return true;
        }

        cli.Error.WriteLine($"fraudstream: skipped a malformed alert at {record.Topic}[{record.Partition.Value}]@{record.Offset.Value}: {error}");
        return false;
    }

    // JSON strings cannot hold a raw line break, so any in a valid value is insignificant whitespace: dropping
    // it keeps a pretty-printed value on one line without changing what it says.
    private static string OneLine(byte[] value)
    {
        var text = Encoding.UTF8.GetString(value);
        return text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
            : text;
    }

    // A pseudonym (h: and 32 hex characters) matches as given. A number matches in E.164 and, when this process
    // has the pseudonymisation key, as its pseudonym too (a topic may hold alerts from before and after pseudonymising).
    private static HashSet<string> Numbers(IReadOnlyList<string> texts, ushort homeCountryCode, NumberPseudonymiser? pseudonyms)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (IsPseudonym(text))
            {
                numbers.Add(text.ToLowerInvariant());
                continue;
            }

            var error = PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(text), homeCountryCode, out var number);
            if (error != PhoneNumberError.None)
                throw new UsageException($"--number '{text}': {LabelsSession.Describe(error)}");
            numbers.Add(number.ToString());
            if (pseudonyms is not null)
                numbers.Add(pseudonyms.Pseudonym(number));
        }

        return numbers;
    }

    private static bool IsPseudonym(string text)
        => text.Length == NumberPseudonymiser.Length && text.StartsWith("h:", StringComparison.OrdinalIgnoreCase) && text.AsSpan(2).ContainsAnyExcept(s_hexDigits) is false;
}
