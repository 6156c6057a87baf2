using System.Text;

namespace FraudStream.Host.Operations;

/// <summary>
/// OpenTelemetry instrument names and units to Prometheus metric and label names, after the OpenTelemetry
/// "Prometheus and OpenMetrics compatibility" specification:
/// characters outside <c>[a-zA-Z0-9_:]</c> (labels: <c>[a-zA-Z0-9_]</c>) become <c>_</c> and runs of <c>_</c>
/// collapse to one; a leading digit gets a <c>_</c> (labels: <c>key_</c>) prefix; the unit in Prometheus words
/// (<c>s</c> → <c>seconds</c>, <c>By/s</c> → <c>bytes_per_second</c>, <c>{packets}</c> → nothing) is appended unless
/// the name already ends with it; a gauge of unit <c>1</c> ends in <c>_ratio</c>; a counter ends in <c>_total</c>,
/// after the unit.
/// </summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes", ["TiBy"] = "tibibytes",
        ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["TBy"] = "terabytes",
        ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams",
        ["Cel"] = "celsius", ["Hz"] = "hertz", ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    /// <summary>The Prometheus metric family name of an instrument.</summary>
    public static string Metric(string instrumentName, string? unit, MetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true, digitPrefix: "_");
        var isCounter = type == MetricType.Counter;
        if (isCounter && name.EndsWith("_total", StringComparison.Ordinal) && name.Length > "_total".Length)
            name = name[..^"_total".Length];

        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
            name += "_" + suffix;
        if (type == MetricType.Gauge && unit == "1" && !name.EndsWith("_ratio", StringComparison.Ordinal))
            name += "_ratio";
        if (isCounter)
            name += "_total";
        return name;
    }

    /// <summary>The Prometheus label name of a tag key.</summary>
    public static string Label(string tagKey) => Sanitize(tagKey, allowColon: false, digitPrefix: "key_");

    /// <summary>A unit in Prometheus words, <c>""</c> for none or an annotation-only unit like <c>{call}</c>.</summary>
    public static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
            return "";
        var text = StripAnnotations(unit.Trim());
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var main = slash < 0 ? text : text[..slash];
        var per = slash < 0 ? "" : text[(slash + 1)..];

        var words = main is "" or "1" ? "" : Units.GetValueOrDefault(main, main);
        if (per.Length > 0)
            words += (words.Length > 0 ? "_per_" : "per_") + PerUnits.GetValueOrDefault(per, per);
        return words.Length == 0 ? "" : Sanitize(words, allowColon: false, digitPrefix: "").Trim('_');
    }

    // "{packet}/s" -> "/s": curly-brace annotations carry no unit.
    private static string StripAnnotations(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
                depth++;
            else if (c == '}' && depth > 0)
                depth--;
            else if (depth == 0)
                builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Sanitize(string name, bool allowColon, string digitPrefix)
    {
        var builder = new StringBuilder(name.Length + digitPrefix.Length);
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
            builder.Append(digitPrefix);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            var append = valid ? c : '_';
            if (append == '_' && builder.Length > 0 && builder[^1] == '_')
                continue;
            builder.Append(append);
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
