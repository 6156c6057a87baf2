using System.CommandLine;
using FraudStream.Host.Hosting;

namespace FraudStream.Host.Commands.Labels;

/// <summary><c>fraudstream labels policy set|show &lt;subscriber&gt;</c>: a subscriber's opt-ins.</summary>
internal static class LabelsPolicyCommand
{
    public static Command Create(CliContext cli, Option<string> redis)
    {
        var command = new Command("policy", "Show or change a subscriber's opt-ins (block overseas calls, warnings).");
        command.Subcommands.Add(CreateSet(cli, redis));
        command.Subcommands.Add(CreateShow(cli, redis));
        return command;
    }

    private static Command CreateSet(CliContext cli, Option<string> redis)
    {
        var subscriber = new Argument<string>("subscriber") { Description = "The subscriber's number." };
        var overseas = new Option<string>("--block-overseas") { Description = "on: block every call from an international number to this subscriber.", HelpName = "on|off" };
        var warn = new Option<string>("--warn") { Description = "on: warn this subscriber about labelled callers.", HelpName = "on|off" };

        var command = new Command("set", "Change a subscriber's opt-ins; options not given keep their value.") { subscriber, overseas, warn };
        command.SetAction((parse, _) =>
        {
            var blockOverseas = LabelArguments.OnOff(parse.GetValue(overseas), "--block-overseas");
            var warnings = LabelArguments.OnOff(parse.GetValue(warn), "--warn");
            if (blockOverseas is null && warnings is null)
                throw new UsageException("labels policy set: give --block-overseas on|off, --warn on|off, or both");

            return LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
            {
                var value = session.ParseNumber(parse.GetValue(subscriber)!, "subscriber");
                var store = await session.OpenStoreAsync().ConfigureAwait(false);
                var policy = await store.SetPolicyAsync(value, blockOverseas, warnings, LabelsSession.Actor, ct).ConfigureAwait(false);
                await session.Output.WriteLineAsync($"{LabelFormat.Number(value)}: {LabelFormat.Policy(policy)}").ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command CreateShow(CliContext cli, Option<string> redis)
    {
        var subscriber = new Argument<string>("subscriber") { Description = "The subscriber's number." };
        var command = new Command("show", "Show a subscriber's opt-ins.") { subscriber };
        command.SetAction((parse, _) => LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
        {
            var value = session.ParseNumber(parse.GetValue(subscriber)!, "subscriber");
            var store = await session.OpenStoreAsync().ConfigureAwait(false);
            var policy = await store.GetPolicyAsync(value, ct).ConfigureAwait(false);
            await session.Output.WriteLineAsync($"{LabelFormat.Number(value)}: {LabelFormat.Policy(policy)}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
