using System.CommandLine;
using FraudStream.Host.Hosting;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Commands.Labels;

/// <summary><c>fraudstream labels add &lt;number&gt; --category C --source S [--reason R] [--expires T | --ttl D] [--action A]</c>.</summary>
internal static class LabelsAddCommand
{
    public static Command Create(CliContext cli, Option<string> redis)
    {
        var number = new Argument<string>("number") { Description = "The number: +E.164, 00-international, or national (gets Ingest:HomeCountryCode)." };
        var category = new Option<string>("--category")
        {
            Description = "What the number is: " + string.Join(", ", LabelNames.Categories) + ".",
            Required = true,
        };
        var source = new Option<string>("--source") { Description = "Who says so: " + string.Join(", ", LabelNames.Sources) + ".", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why: the case, the court order, the reports." };
        var expires = new Option<string>("--expires") { Description = "When the label ends, RFC 3339 (2026-12-31T00:00:00Z).", HelpName = "time" };
        var ttl = new Option<string>("--ttl") { Description = "How long the label lasts: 45s, 90m, 12h, 30d, 2w.", HelpName = "duration" };
        var action = new Option<string>("--action")
        {
            Description = "Override the category's action: label, warn, block (allow goes with category allow only).",
        };

        var command = new Command("add", "Label a number (replacing any label it has).") { number, category, source, reason, expires, ttl, action };
        command.SetAction((parse, _) =>
        {
            var labelCategory = LabelArguments.Category(parse.GetValue(category));
            var labelSource = LabelArguments.Source(parse.GetValue(source));
            LabelAction? labelAction = parse.GetValue(action) is { } a ? LabelArguments.Action(a) : null;
            if (labelAction is { } chosen && LabelNames.CheckAction(labelCategory, chosen) is { } problem)
                throw new UsageException("--action: " + problem);
            var (expiresText, ttlText) = (parse.GetValue(expires), parse.GetValue(ttl));
            if (expiresText is not null && ttlText is not null)
                throw new UsageException("--expires and --ttl: give one or the other");
            var now = DateTimeOffset.UtcNow;
            DateTimeOffset? expiresAt = null;
            if (expiresText is not null && !LabelArguments.TryExpiry(expiresText, now, out expiresAt, out var expiresError))
                throw new UsageException("--expires " + expiresError);
            if (ttlText is not null)
            {
                if (!LabelArguments.TryTtl(ttlText, out var lifetime))
                    throw new UsageException($"--ttl '{ttlText}': expected a count and a unit: 45s, 90m, 12h, 30d, 2w");
                expiresAt = now + lifetime;
            }

            return LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
            {
                var value = session.ParseNumber(parse.GetValue(number)!);
                var request = new LabelRequest(value, labelCategory, labelSource, parse.GetValue(reason) ?? "") { Action = labelAction, ExpiresAt = expiresAt };
                var store = await session.OpenStoreAsync().ConfigureAwait(false);
                var version = await store.AddAsync(request, LabelsSession.Actor, ct).ConfigureAwait(false);
                if (version == 0)
                {
                    await session.Output.WriteLineAsync($"{LabelFormat.Number(value)} kept its label: a risk-model label never replaces one from another source").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                var label = new LabelRecord(value, labelCategory, labelSource, request.EffectiveAction, request.Reason, 0, expiresAt?.ToUnixTimeMilliseconds() ?? 0, "");
                await session.Output.WriteLineAsync($"{LabelFormat.Number(value)} labelled {LabelFormat.Summary(label)}; version {version}").ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
