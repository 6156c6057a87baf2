using System.Globalization;
using System.Text;

namespace FraudStream.Host.Operations;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4. A family's <c># HELP</c> and <c># TYPE</c> lines are written
/// with its first sample, so a family without samples leaves no trace.
/// </summary>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private string? _pendingName;
    private string? _pendingHelp;
    private MetricType _pendingType;

    /// <summary>Starts a family; its header is written with its first sample.</summary>
    public void Family(string name, string? help, MetricType type)
    {
        _pendingName = name;
        _pendingHelp = help;
        _pendingType = type;
    }

    public void Sample(string name, string labels, long value)
    {
        StartSample(name, labels);
        _text.Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    public void Sample(string name, string labels, double value)
    {
        StartSample(name, labels);
        _text.Append(FormatDouble(value)).Append('\n');
    }

    /// <summary>A histogram bucket: <paramref name="labels"/> plus <c>le</c>.</summary>
    public void Bucket(string name, string labels, string le, long cumulativeCount)
    {
        FlushHeader();
        _text.Append(name).Append("_bucket{");
        if (labels.Length > 0)
            _text.Append(labels).Append(',');
        _text.Append("le=\"").Append(le).Append("\"} ").Append(cumulativeCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>A comment line for people reading the scrape; Prometheus ignores it.</summary>
    public void Comment(string comment)
        => _text.Append("# ").Append(comment.ReplaceLineEndings(" ")).Append('\n');

    public override string ToString() => _text.ToString();

    /// <summary>Prometheus spelling of a sample value or bucket bound: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Appends a label value with <c>\</c>, <c>"</c> and line feed escaped.</summary>
    public static void AppendEscapedLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    private void StartSample(string name, string labels)
    {
        FlushHeader();
        _text.Append(name);
        if (labels.Length > 0)
            _text.Append('{').Append(labels).Append('}');
        _text.Append(' ');
    }

    private void FlushHeader()
    {
        if (_pendingName is null)
            return;

        if (!string.IsNullOrEmpty(_pendingHelp))
        {
            _text.Append("# HELP ").Append(_pendingName).Append(' ');
            foreach (var c in _pendingHelp)
            {
                _ = c switch
                {
                    '\\' => _text.Append(@"\\"),
                    '\n' => _text.Append(@"\n"),
                    _ => _text.Append(c),
                };
            }

            _text.Append('\n');
        }

        var type = _pendingType switch
        {
            MetricType.Counter => "counter",
            MetricType.Histogram => "histogram",
            _ => "gauge",
        };
        _text.Append("# TYPE ").Append(_pendingName).Append(' ').Append(type).Append('\n');
        _pendingName = null;
    }
}
