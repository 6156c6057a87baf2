using System.CommandLine;

namespace FraudStream.Host.Commands.Labels;

/// <summary><c>fraudstream labels remove &lt;number&gt; --reason R</c>: the reason for the label ended (a debt paid, an appeal won).</summary>
internal static class LabelsRemoveCommand
{
    public static Command Create(CliContext cli, Option<string> redis)
    {
        var number = new Argument<string>("number") { Description = "The labelled number." };
        var reason = new Option<string>("--reason") { Description = "Why the label ends (kept in the audit trail).", Required = true };

        var command = new Command("remove", "Remove a number's label.") { number, reason };
        command.SetAction((parse, _) => LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
        {
            var value = session.ParseNumber(parse.GetValue(number)!);
            var store = await session.OpenStoreAsync().ConfigureAwait(false);
            if (!await store.RemoveAsync(value, parse.GetValue(reason)!, LabelsSession.Actor, ct).ConfigureAwait(false))
            {
                await session.Cli.Error.WriteLineAsync($"fraudstream: {LabelFormat.Number(value)} has no label").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await session.Output.WriteLineAsync($"{LabelFormat.Number(value)} label removed").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
