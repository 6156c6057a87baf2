using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FraudStream.Scoring.Redis;

/// <summary>
/// A private <c>redis-server</c> child process on a free loopback port, without persistence: the
/// embedded Redis of <c>fraudstream demo</c> and of the tests (Garnet starts a server per fixture the same way).
/// </summary>
public sealed class PrivateRedisServer : IDisposable
{
    /// <summary>What to tell a user whose machine lacks redis-server.</summary>
    public const string InstallHint = "redis-server is not installed: run deploy/setup.sh (it installs Debian's redis-server)";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly string _logFile;

    private PrivateRedisServer(Process process, int port, string logFile)
    {
        _process = process;
        Port = port;
        _logFile = logFile;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server and returns once it answers PING.</summary>
    /// <exception cref="FileNotFoundException">redis-server is not installed; the message says how to install it.</exception>
    public static PrivateRedisServer Start()
    {
        var executable = FindExecutable() ?? throw new FileNotFoundException(InstallHint, "redis-server");

        // The free port is found by binding port 0; another process may take it before redis-server
        // binds, so a failed start is retried on a fresh port.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreeLoopbackPort();
            var logFile = Path.Combine(Path.GetTempPath(), $"fraudstream-redis-{port}.log");
            var process = Process.Start(new ProcessStartInfo(executable)
            {
                ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", logFile },
                UseShellExecute = false,
                RedirectStandardOutput = false,
                RedirectStandardError = false,
            })!;

            var server = new PrivateRedisServer(process, port, logFile);
            if (server.WaitUntilReady(out last))
                return server;
            server.Dispose();
        }

        throw new InvalidOperationException("redis-server did not start: " + last?.Message, last);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            File.Delete(_logFile);
        }
        catch (IOException)
        {
            // A log left in /tmp is harmless.
        }
    }

    private bool WaitUntilReady(out Exception? error)
    {
        var deadline = Stopwatch.StartNew();
        error = null;
        while (deadline.Elapsed < s_startTimeout)
        {
            if (_process.HasExited)
            {
                error = new InvalidOperationException($"exited with code {_process.ExitCode}: {ReadLog()}");
                return false;
            }

            try
            {
                if (Ping())
                    return true;
            }
            catch (SocketException e)
            {
                error = e;
            }

            Thread.Sleep(20);
        }

        error ??= new TimeoutException($"no PONG within {s_startTimeout.TotalSeconds} s: {ReadLog()}");
        return false;
    }

    private bool Ping()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, Port);
        socket.Send("PING\r\n"u8);
        var buffer = new byte[16];
        var read = socket.Receive(buffer);
        return buffer.AsSpan(0, read).StartsWith("+PONG"u8);
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(_logFile) ? File.ReadAllText(_logFile).Trim() : "(no log)";
        }
        catch (IOException)
        {
            return "(log unreadable)";
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }
}
