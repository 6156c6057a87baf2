using System.CommandLine;
using FraudStream.Host.Commands.Risk;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>fraudstream risk</c>: a batch model of number risk over per-number aggregates (weeks of history), trained on
/// labelled numbers, scoring numbers into labels for the blocklist, and the aggregates computed from CDRs (docs/risk.md).
/// </summary>
internal static class RiskCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("risk", "Number risk from history: train, score into labels, CDR aggregates.");
        command.Subcommands.Add(RiskTrainCommand.Create(cli));
        command.Subcommands.Add(RiskScoreCommand.Create(cli));
        command.Subcommands.Add(RiskFeaturesCommand.Create(cli));
        return command;
    }
}
