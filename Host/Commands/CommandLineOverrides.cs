using System.CommandLine;

namespace FraudStream.Host.Commands;

/// <summary>Turns options the user actually typed into configuration keys, the last configuration layer.</summary>
internal static class CommandLineOverrides
{
    public static List<KeyValuePair<string, string?>> From(ParseResult parse, params ReadOnlySpan<(Option Option, string Key)> map)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        foreach (var (option, key) in map)
        {
            var result = parse.GetResult(option);
            if (result is null || result.Implicit || result.Tokens.Count == 0)
                continue;
            overrides.Add(new(key, result.Tokens[^1].Value));
        }

        return overrides;
    }
}
