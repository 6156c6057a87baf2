using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FraudStream.Host.Operations;

/// <summary>
/// The OpenTelemetry <see cref="MeterProvider"/> of a long-running command: every instrument of the <c>FraudStream*</c>
/// meters, with a Prometheus reader for <c>/metrics</c> when <c>Operations:Listen</c> is set and an OTLP/HTTP
/// (protobuf) exporter when <c>Operations:Otlp:Endpoint</c> is.
/// </summary>
internal static class MetricsExport
{
    /// <summary>The meters exported: FraudStream's own (<c>FraudStream.Pipeline</c>, and any later <c>FraudStream.*</c>).</summary>
    public const string DefaultMeters = "FraudStream*";

    /// <summary>The provider, or null when neither export is configured (nothing then listens to the meters).</summary>
    /// <param name="meters">Meter names; <c>*</c> is a wildcard (tests pass a meter of their own).</param>
    public static MeterProvider? Create(OperationsOptions options, string meters = DefaultMeters)
    {
        if (!options.Enabled && !options.Otlp.Enabled)
            return null;

        var version = typeof(MetricsExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var builder = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("fraudstream", serviceVersion: version))
            .AddMeter(meters)
            .AddView(HistogramBuckets.View);
        if (options.Enabled)
        {
            builder.AddPrometheusExporter(static prometheus =>
            {
                // Every scrape collects anew: two scrapes 100 ms apart see two different counts.
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                // One meter: an otel_scope_name label on every series would only repeat it.
                prometheus.ScopeInfoEnabled = false;
            });
        }

        if (options.Otlp.Enabled)
        {
            var otlp = options.Otlp;
            builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Endpoint = otlp.MetricsUri;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)otlp.ExportInterval.TotalMilliseconds;
            });
        }

        return builder.Build();
    }
}
