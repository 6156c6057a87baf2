using System.CommandLine;
using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Commands;
using FraudStream.Host.Hosting;

namespace FraudStream.Host;

/// <summary>The <c>fraudstream</c> command line: parses, dispatches, and turns failures into one line and an exit code.</summary>
internal static class FraudStreamCli
{
    public static RootCommand Build(CliContext cli)
    {
        var root = new RootCommand("FraudStream: real-time telecom-fraud stream processing on Kafka and Redis.");
        root.Options.Add(cli.Config);
        root.Subcommands.Add(DemoCommand.Create(cli));
        root.Subcommands.Add(RunCommand.Create(cli));
        root.Subcommands.Add(SimulateCommand.Create(cli));
        root.Subcommands.Add(TrainCommand.Create(cli));
        root.Subcommands.Add(EvaluateCommand.Create(cli));
        root.Subcommands.Add(RiskCommand.Create(cli));
        root.Subcommands.Add(LabelsCommand.Create(cli));
        root.Subcommands.Add(TailCommand.Create(cli));
        root.Subcommands.Add(BrokerCommand.Create(cli));
        root.Subcommands.Add(BenchCommand.Create(cli));
        ExamplesHelpAction.Install(root);
        return root;
    }

    /// <summary>"fraudstream labels policy set", from the innermost command the parse reached.</summary>
    public static string CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new List<string>();
        for (; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command is RootCommand ? "fraudstream" : result.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var cli = new CliContext(output, error);
        var parse = Build(cli).Parse(args);
        if (parse.Errors.Count > 0)
        {
            var path = CommandPath(parse.CommandResult);
            var problems = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')));
            await error.WriteLineAsync($"fraudstream: {problems} (see '{path} --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            // The Generic Host owns Ctrl-C and SIGTERM (ConsoleLifetime) so a command shuts down gracefully;
            // System.CommandLine's own handler would race it. Exceptions come here, to become one line.
            var invocation = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                ProcessTerminationTimeout = null,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UsageException or PipelineConfigurationException)
        {
            await error.WriteLineAsync("fraudstream: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is DllNotFoundException or FileNotFoundException)
        {
            await error.WriteLineAsync("fraudstream: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
