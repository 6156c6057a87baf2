namespace FraudStream.Host.Operations;

/// <summary>
/// The operations endpoint (<c>/metrics</c>, <c>/healthz/live</c>, <c>/healthz/ready</c>) and the OTLP export of the
/// metrics. Bound from the <c>Operations</c> section.
/// </summary>
internal sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>9464 is the port OpenTelemetry's Prometheus exporter uses by default.</summary>
    public const string DefaultListen = "http://127.0.0.1:9464";

    /// <summary>
    /// Address the endpoint listens on, <c>http://host:port</c>: an IP address, <c>localhost</c>, or <c>*</c> for
    /// every interface; port 0 picks a free port. Empty disables the endpoint.
    /// </summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>
    /// The token every write from the analyst's page (labelling, removing a label, allow-listing) must carry as
    /// <c>Authorization: Bearer …</c>. Empty (the default) makes the page read-only. A secret: never logged.
    /// </summary>
    public string AnalystToken { get; set; } = "";

    /// <summary>Pushing the metrics to an OpenTelemetry collector (<c>Operations:Otlp</c>), off by default.</summary>
    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>Whether the endpoint runs at all (<see cref="Listen"/> is not empty).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Listen);

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate() => ValidateListen() ?? ValidateToken() ?? Otlp.Validate();

    /// <summary>The shortest analyst token accepted: a guessable token would guard nothing.</summary>
    public const int MinTokenLength = 16;

    // The message never holds the token itself, only its length.
    private string? ValidateToken()
        => AnalystToken.Length is > 0 and < MinTokenLength
            ? $"Operations:AnalystToken has {AnalystToken.Length} characters, expected at least {MinTokenLength} (e.g. openssl rand -hex 24), or none for a read-only analyst page"
            : null;

    private string? ValidateListen()
    {
        if (!Enabled)
            return null;

        var expected = $"expected http://host:port (e.g. {DefaultListen}), or empty to disable the endpoint";
        // Kestrel's wildcard hosts are not host names to System.Uri; check the rest of the address with a stand-in.
        var text = Listen.Trim().Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"Operations:Listen is '{Listen}', {expected}";
        if (uri.Scheme == "https")
            return $"Operations:Listen is '{Listen}': https is not supported (no certificate is configured), {expected}";
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return $"Operations:Listen is '{Listen}': a listen address has no path, query or user, {expected}";
        if (uri.Port == 0 && uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns)
            return $"Operations:Listen is '{Listen}': port 0 (any free port) needs an IP address such as 127.0.0.1, not localhost";
        return null;
    }
}
