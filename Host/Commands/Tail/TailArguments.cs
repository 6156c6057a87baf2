using System.CommandLine;
using System.Globalization;
using FraudStream.Host.Hosting;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Host.Commands.Tail;

/// <summary>The options of <c>fraudstream tail</c> and their checks; every problem is one <see cref="UsageException"/> line.</summary>
internal sealed class TailArguments
{
    private static readonly string s_kindList = string.Join(", ", FraudKinds.All.Select(k => k.ToWire()));

    public Option<string> Bootstrap { get; } = new("--bootstrap") { Description = "Kafka to read from, host:port[,host:port] (Kafka:BootstrapServers).", HelpName = "host:port" };

    public Option<string> Topic { get; } = new("--topic") { Description = "The alert topic (Alerts:Topic, default fraud.alert.v1).", HelpName = "topic" };

    public Option<string[]> Kind { get; } = new("--kind") { Description = $"Only alerts of this kind, repeatable. Kinds: {s_kindList}.", HelpName = "kind" };

    public Option<string> MinSeverity { get; } = new("--min-severity") { Description = "Only alerts at least this severe: low, medium, high or critical.", HelpName = "severity" };

    public Option<string[]> Number { get; } = new("--number")
    {
        Description = "Only alerts about this number or naming it among their counterparts, repeatable. E.164 (+8613800138000), 00-international, national (gets Ingest:HomeCountryCode), or a pseudonym (h:…) of pseudonymised alerts.",
        HelpName = "number",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print each alert's value as received, one per line (line breaks inside a value dropped), and nothing else on stdout." };

    public Option<bool> FromBeginning { get; } = new("--from-beginning") { Description = "Start at the oldest alert still on the topic instead of printing only new ones." };

    public Option<long?> Max { get; } = new("--max") { Description = "Stop after printing this many alerts (exit 0).", HelpName = "N" };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "Stop after this many seconds without printing an alert (exit 0). Default: run until Ctrl-C or SIGTERM.", HelpName = "seconds" };

    public IEnumerable<Option> All => [Bootstrap, Topic, Kind, MinSeverity, Number, Json, FromBeginning, Max, Timeout];

    public TailRequest Parse(ParseResult parse)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in parse.GetValue(Kind) ?? [])
        {
            if (!FraudKinds.TryParse(text, out var kind))
                throw new UsageException($"--kind '{text}': expected one of {s_kindList}");
            kinds.Add(kind.ToWire());
        }

        var severityText = parse.GetValue(MinSeverity);
        var severity = Severity.Low;
        if (severityText is not null && !AlertSeverities.TryParse(severityText, out severity))
            throw new UsageException($"--min-severity '{severityText}': expected one of {string.Join(", ", AlertSeverities.Names)}");

        var max = parse.GetValue(Max);
        if (max is < 1)
            throw new UsageException($"--max {max}: expected 1 or more alerts");
        var timeout = parse.GetValue(Timeout);
        if (timeout is not null && (double.IsNaN(timeout.Value) || timeout <= 0 || timeout > 7 * 86_400))
            throw new UsageException($"--timeout {timeout.Value.ToString(CultureInfo.InvariantCulture)}: expected seconds above 0, at most a week");

        return new TailRequest(
            kinds,
            severity,
            parse.GetValue(Number) ?? [],
            parse.GetValue(Json),
            parse.GetValue(FromBeginning),
            max,
            timeout is { } s ? TimeSpan.FromSeconds(s) : null);
    }
}
