using System.CommandLine;
using FraudStream.Host.Commands.Labels;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream labels</c>: number labels, subscriber policies and prefix rules in Redis, the blocklist's
/// source of truth (Scoring/Blocklist/README.md). Every change is audited with the shell user as actor.
/// </summary>
internal static class LabelsCommand
{
    public static Command Create(CliContext cli)
    {
        var redis = new Option<string>("--redis")
        {
            Description = "StackExchange.Redis configuration of the Redis holding the labels (Redis:Configuration), e.g. 127.0.0.1:6379.",
            HelpName = "configuration",
            Recursive = true,
        };

        var command = new Command("labels", "Manage number labels, subscriber policies and prefix rules in Redis.")
        {
            redis,
        };
        command.Subcommands.Add(LabelsAddCommand.Create(cli, redis));
        command.Subcommands.Add(LabelsRemoveCommand.Create(cli, redis));
        command.Subcommands.Add(LabelsListCommand.Create(cli, redis));
        command.Subcommands.Add(LabelsImportCommand.Create(cli, redis));
        command.Subcommands.Add(LabelsAuditCommand.Create(cli, redis));
        command.Subcommands.Add(LabelsPolicyCommand.Create(cli, redis));
        command.Subcommands.Add(LabelsPrefixCommand.Create(cli, redis));
        return command;
    }
}
