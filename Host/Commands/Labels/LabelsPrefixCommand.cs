using System.CommandLine;
using FraudStream.Host.Hosting;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Commands.Labels;

/// <summary><c>fraudstream labels prefix add|remove|list</c>: rules on whole number ranges (IRSF premium ranges, country codes).</summary>
internal static class LabelsPrefixCommand
{
    public static Command Create(CliContext cli, Option<string> redis)
    {
        var command = new Command("prefix", "Manage rules on E.164 digit prefixes (the longest matching prefix wins).");
        command.Subcommands.Add(CreateAdd(cli, redis));
        command.Subcommands.Add(CreateRemove(cli, redis));
        command.Subcommands.Add(CreateList(cli, redis));
        return command;
    }

    private static Command CreateAdd(CliContext cli, Option<string> redis)
    {
        var digits = new Argument<string>("digits") { Description = "E.164 digits the numbers start with, e.g. 88213 or 882." };
        var action = new Option<string>("--action") { Description = "label, warn, block, or allow (with category allow).", Required = true };
        var category = new Option<string>("--category") { Description = "Why, in label terms: " + string.Join(", ", LabelNames.Categories) + ".", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the range is listed." };

        var command = new Command("add", "Add or replace the rule for a prefix.") { digits, action, category, reason };
        command.SetAction((parse, _) =>
        {
            var (prefix, length) = LabelArguments.Prefix(parse.GetValue(digits)!);
            var ruleAction = LabelArguments.Action(parse.GetValue(action));
            var ruleCategory = LabelArguments.Category(parse.GetValue(category));
            if (LabelNames.CheckAction(ruleCategory, ruleAction) is { } problem)
                throw new UsageException("--action: " + problem);

            return LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
            {
                var store = await session.OpenStoreAsync().ConfigureAwait(false);
                var rule = new PrefixRule(prefix, length, ruleAction, ruleCategory);
                var version = await store.AddPrefixAsync(rule, parse.GetValue(reason) ?? "", LabelsSession.Actor, ct).ConfigureAwait(false);
                await session.Output.WriteLineAsync($"prefix {rule.Digits}: {LabelNames.Name(ruleAction)} ({LabelNames.Name(ruleCategory)}); version {version}").ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command CreateRemove(CliContext cli, Option<string> redis)
    {
        var digits = new Argument<string>("digits") { Description = "The prefix exactly as added." };
        var reason = new Option<string>("--reason") { Description = "Why the rule ends (kept in the audit trail)." };

        var command = new Command("remove", "Remove the rule for a prefix.") { digits, reason };
        command.SetAction((parse, _) =>
        {
            var (prefix, _) = LabelArguments.Prefix(parse.GetValue(digits)!);
            return LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
            {
                var store = await session.OpenStoreAsync().ConfigureAwait(false);
                if (!await store.RemovePrefixAsync(prefix, parse.GetValue(reason) ?? "", LabelsSession.Actor, ct).ConfigureAwait(false))
                {
                    await session.Cli.Error.WriteLineAsync($"fraudstream: no rule for prefix {prefix}").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                await session.Output.WriteLineAsync($"prefix {prefix}: rule removed").ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command CreateList(CliContext cli, Option<string> redis)
    {
        var command = new Command("list", "List the prefix rules.");
        command.SetAction((parse, _) => LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
        {
            var store = await session.OpenStoreAsync().ConfigureAwait(false);
            var rules = await store.ListPrefixesAsync(ct).ConfigureAwait(false);
            if (rules.Count == 0)
            {
                await session.Output.WriteLineAsync("no prefix rules").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await session.Output.WriteLineAsync($"{"PREFIX",-16} {"ACTION",-6} {"CATEGORY",-10} {"CREATED",-20} REASON").ConfigureAwait(false);
            foreach (var r in rules)
            {
                await session.Output.WriteLineAsync(
                    $"{r.Rule.Digits,-16} {LabelNames.Name(r.Rule.Action),-6} {LabelNames.Name(r.Rule.Category),-10} {LabelFormat.Time(r.CreatedMs),-20} {r.Reason}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
