using System.CommandLine;
using Spectre.Console;

namespace FraudStream.Host.Commands;

/// <summary>What every command shares: where it writes, and the options every command accepts.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary><c>--config file</c>: a JSON file layered over appsettings.json.</summary>
    public Option<string> Config { get; } = new("--config")
    {
        Description = "JSON configuration file, layered over appsettings.json and under FRAUDSTREAM__* environment variables and options.",
        Recursive = true,
        HelpName = "file",
    };

    /// <summary>Whether <see cref="Output"/> is the process's console and a terminal (not redirected, not a test's writer).</summary>
    public bool IsTerminal => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>A Spectre console on <see cref="Output"/>: colours on a terminal, plain 120-column text when redirected.</summary>
    public IAnsiConsole CreateConsole()
    {
        var terminal = IsTerminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = 120;
        return console;
    }
}
