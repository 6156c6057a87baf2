using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace FraudStream.Host.Commands;

/// <summary>
/// <c>--help</c> as a tour: System.CommandLine writes the command's one-line description, usage, options and
/// subcommands, then this adds the command's <see cref="HelpExamples"/>. System.CommandLine 2.0 keeps its help
/// builder internal; wrapping the default <see cref="HelpAction"/> is the customisation it documents.
/// </summary>
internal sealed class ExamplesHelpAction(HelpAction help) : SynchronousCommandLineAction
{
    /// <summary>Wraps the help option's action of <paramref name="root"/> (the option is recursive: every subcommand's help).</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
                helpOption.Action = new ExamplesHelpAction(help);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exit = help.Invoke(parseResult);
        if (!HelpExamples.ByCommand.TryGetValue(FraudStreamCli.CommandPath(parseResult.CommandResult), out var examples))
            return exit;

        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Examples:");
        for (var i = 0; i < examples.Length; i++)
        {
            var (what, line) = examples[i];
            if (what.Length > 0)
            {
                // A blank line between examples; an example without a comment continues the one above.
                if (i > 0)
                    output.WriteLine();
                output.WriteLine("  # " + what);
            }

            output.WriteLine("  " + line);
        }

        output.WriteLine();
        return exit;
    }
}
