using System.Globalization;

namespace FraudStream.Host.Operations;

/// <summary>
/// Pushing the metrics to an OpenTelemetry collector over OTLP/HTTP (protobuf). Bound from <c>Operations:Otlp</c>;
/// off while <see cref="Endpoint"/> is empty.
/// </summary>
internal sealed class OtlpOptions
{
    /// <summary>Where an OTLP/HTTP receiver posts metrics under its base address (the collector's default path).</summary>
    public const string MetricsPath = "v1/metrics";

    private const string Expected = "expected the collector's OTLP/HTTP address such as http://127.0.0.1:4318, or empty to switch OTLP export off";

    /// <summary>
    /// The collector's OTLP/HTTP base address (<c>http://collector:4318</c>); metrics go to <c>{Endpoint}/v1/metrics</c>
    /// unless the address already ends with that path. Empty: no OTLP export.
    /// </summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Time between two exports; the collector receives cumulative sums. OpenTelemetry's default, 60 s.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether metrics are pushed at all (<see cref="Endpoint"/> is not empty).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The URL the exporter posts to; only valid when <see cref="Validate"/> returned null.</summary>
    public Uri MetricsUri
    {
        get
        {
            var uri = new Uri(Endpoint.Trim(), UriKind.Absolute);
            if (uri.AbsolutePath.TrimEnd('/').EndsWith("/" + MetricsPath, StringComparison.Ordinal))
                return uri;
            var builder = new UriBuilder(uri);
            builder.Path = builder.Path.TrimEnd('/') + "/" + MetricsPath;
            return builder.Uri;
        }
    }

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (ExportInterval <= TimeSpan.Zero || ExportInterval.TotalMilliseconds > int.MaxValue)
            return string.Create(CultureInfo.InvariantCulture, $"Operations:Otlp:ExportInterval is {ExportInterval}, expected a positive time such as 00:01:00");
        if (!Enabled)
            return null;

        if (!Uri.TryCreate(Endpoint.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return $"Operations:Otlp:Endpoint is '{Endpoint}', {Expected}";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return $"Operations:Otlp:Endpoint is '{Endpoint}': an endpoint has no query, fragment or user (set headers with OTEL_EXPORTER_OTLP_HEADERS), {Expected}";
        return null;
    }
}
