using Microsoft.Extensions.Logging;

namespace FraudStream.Host.Operations;

/// <summary>Source-generated log messages of the operations endpoint, with stable event ids (9xxx = Host, 91xx = operations endpoint).</summary>
internal static partial class Log
{
    [LoggerMessage(9101, LogLevel.Information, "Operations endpoint listening on {Address} (/metrics, /healthz/live, /healthz/ready)")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(9102, LogLevel.Information, "Operations endpoint disabled (Operations:Listen is empty)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(9104, LogLevel.Information, "Exporting metrics over OTLP/HTTP (protobuf) to {Endpoint} every {Interval}")]
    public static partial void Otlp(ILogger logger, string endpoint, TimeSpan interval);

    [LoggerMessage(9103, LogLevel.Warning, "Readiness check failed; answering 503")]
    public static partial void ReadinessFailed(ILogger logger, Exception exception);
}
