using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FraudStream.Scoring.Redis;
using FraudStream.Tests.Shared;

namespace FraudStream.Scoring.Tests.Redis;

/// <summary>A private redis-server that accepts TLS only (no plain port), with a password, on a free loopback port.</summary>
internal sealed class TlsRedisServer : IDisposable
{
    private readonly Process _process;
    private readonly string _logFile;

    private TlsRedisServer(Process process, int port, string logFile)
    {
        _process = process;
        Port = port;
        _logFile = logFile;
    }

    public int Port { get; }

    public static TlsRedisServer Start(TestCertificates certificates, string password)
    {
        var executable = new[] { "/usr/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        if (executable is null)
            Assert.Fail(PrivateRedisServer.InstallHint);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var logFile = Path.Combine(Path.GetTempPath(), $"fraudstream-redis-tls-{port}.log");
        var info = new ProcessStartInfo(executable!) { UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--port", "0", "--tls-port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--tls-cert-file", certificates.CertificatePath, "--tls-key-file", certificates.KeyPath,
                     "--tls-ca-cert-file", certificates.CaPath, "--tls-auth-clients", "no",
                     "--requirepass", password, "--save", "", "--appendonly", "no", "--logfile", logFile,
                 })
            info.ArgumentList.Add(arg);

        var server = new TlsRedisServer(Process.Start(info)!, port, logFile);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var log = File.Exists(logFile) ? File.ReadAllText(logFile) : "";
            if (log.Contains("Ready to accept connections", StringComparison.Ordinal))
                return server;
            if (server._process.HasExited)
                break;
            Thread.Sleep(50);
        }

        var why = File.Exists(logFile) ? File.ReadAllText(logFile) : "(no log)";
        server.Dispose();
        Assert.Fail("redis-server with TLS did not start: " + why);
        throw new UnreachableException();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        File.Delete(_logFile);
    }
}
