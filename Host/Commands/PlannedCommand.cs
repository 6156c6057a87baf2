using System.CommandLine;

namespace FraudStream.Host.Commands;

/// <summary>A subcommand whose name is reserved and documented but whose work lands in a later issue.</summary>
internal static class PlannedCommand
{
    public static Command Create(CliContext cli, string name, string description, string issue)
    {
        var command = new Command(name, $"{description} [not built yet: {issue}]")
        {
            // Whatever the user passes, the answer is the same one line; do not drown it in parse errors.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            cli.Error.WriteLine($"fraudstream {name}: not built yet ({issue}); see README.md for what works today.");
            return ExitCodes.Usage;
        });
        return command;
    }
}
