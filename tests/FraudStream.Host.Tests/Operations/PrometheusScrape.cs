using System.Globalization;
using System.Text;

namespace FraudStream.Host.Tests.Operations;

/// <summary>
/// A <c>/metrics</c> answer in the Prometheus text format, read the way Prometheus reads it: samples by metric name
/// and label set (labels in any order), and each family's <c># TYPE</c> and <c># HELP</c>.
/// </summary>
internal sealed class PrometheusScrape
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _help = new(StringComparer.Ordinal);

    private PrometheusScrape(string text) => Text = text;

    public string Text { get; }

    /// <summary>The families, by <c># TYPE</c> line: name → counter, gauge, histogram.</summary>
    public IReadOnlyDictionary<string, string> Types => _types;

    public IReadOnlyDictionary<string, string> Help => _help;

    public static async Task<PrometheusScrape> GetAsync(HttpClient http)
        => Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

    public static PrometheusScrape Parse(string text)
    {
        var scrape = new PrometheusScrape(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal) || line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                (line[2] == 'T' ? scrape._types : scrape._help)[rest[..space]] = rest[(space + 1)..];
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                var (series, value) = ParseSample(line);
                scrape._samples[series] = value;
            }
        }

        return scrape;
    }

    /// <summary>The value of one series, <paramref name="labels"/> as <c>name="value"</c> pairs in any order; null when absent.</summary>
    public double? Value(string name, params string[] labels)
    {
        var key = Key(name, [.. labels]);
        return _samples.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Every series of <paramref name="name"/>, keyed <c>name{a="1",b="2"}</c> with labels sorted.</summary>
    public IReadOnlyDictionary<string, double> Series(string name)
        => _samples.Where(s => s.Key == name || s.Key.StartsWith(name + "{", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value);

    private static (string Series, double Value) ParseSample(string line)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.LastIndexOf(' ');
        var value = line[(space + 1)..] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        if (brace < 0 || brace > space)
            return (line[..space], value);

        var labels = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var end = line.LastIndexOf('}');
        for (var i = brace + 1; i < end; i++)
        {
            var c = line[i];
            if (quoted && c == '\\')
            {
                current.Append(c).Append(line[++i]);
                continue;
            }

            if (c == '"')
                quoted = !quoted;
            if (c == ',' && !quoted)
            {
                labels.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
            labels.Add(current.ToString());
        return (Key(line[..brace], labels), value);
    }

    private static string Key(string name, List<string> labels)
    {
        if (labels.Count == 0)
            return name;
        labels.Sort(StringComparer.Ordinal);
        return name + "{" + string.Join(',', labels) + "}";
    }
}
