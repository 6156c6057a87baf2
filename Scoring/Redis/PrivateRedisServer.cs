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
    private readonly string _executable;
    private readonly string _logFile;
    private readonly string? _dataDirectory;
    private readonly string? _password;
    private Process _process;

    private PrivateRedisServer(string executable, int port, string logFile, string? dataDirectory, string? password)
    {
        _executable = executable;
        Port = port;
        _logFile = logFile;
        _dataDirectory = dataDirectory;
        _password = password;
        _process = Launch();
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server (without the password of a server started with one).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server and returns once it answers PING.</summary>
    /// <param name="persistent">
    /// Keep the data in an append-only file (fsync on every write) in a private directory, so that a
    /// <see cref="Kill"/> and <see cref="Restart"/> find it again, as a production Redis with AOF would.
    /// Without it a restarted server is empty.
    /// </param>
    /// <param name="password">
    /// Require this password (<c>requirepass</c>), as a production Redis would. It is passed on redis-server's
    /// command line, visible to other users of the machine: for tests, not for secrets that matter.
    /// </param>
    /// <exception cref="FileNotFoundException">redis-server is not installed; the message says how to install it.</exception>
    public static PrivateRedisServer Start(bool persistent = false, string? password = null)
    {
        var executable = FindExecutable() ?? throw new FileNotFoundException(InstallHint, "redis-server");

        // The free port is found by binding port 0; another process may take it before redis-server
        // binds, so a failed start is retried on a fresh port.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreeLoopbackPort();
            var logFile = Path.Combine(Path.GetTempPath(), $"fraudstream-redis-{port}.log");
            var dataDirectory = persistent ? Directory.CreateTempSubdirectory("fraudstream-redis-").FullName : null;
            var server = new PrivateRedisServer(executable, port, logFile, dataDirectory, password);
            if (server.WaitUntilReady(out last))
                return server;
            server.Dispose();
        }

        throw new InvalidOperationException("redis-server did not start: " + last?.Message, last);
    }

    /// <summary>Kills the server with SIGKILL, as a crash or an OOM kill would: no shutdown, no final save.</summary>
    public void Kill()
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
    }

    /// <summary>
    /// Starts the server again on the same port (after <see cref="Kill"/>, or killing a running one first) and
    /// returns once it answers PING. A persistent server reloads its append-only file.
    /// </summary>
    public void Restart()
    {
        Kill();
        _process.Dispose();
        _process = Launch();
        if (!WaitUntilReady(out var error))
            throw new InvalidOperationException($"redis-server did not restart on port {Port}: {error?.Message}", error);
    }

    /// <summary>
    /// Makes the server answer no client for <paramref name="duration"/> (<c>CLIENT PAUSE … ALL</c>, sent from a
    /// connection of its own), as an overloaded or stalled Redis would: connections stay open, commands wait, then
    /// run when the pause ends. Returns once the server has accepted the pause.
    /// </summary>
    public void Pause(TimeSpan duration)
    {
        var ms = ((long)duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, Port);
        var command = _password is null ? "" : Resp("AUTH", _password);
        socket.Send(System.Text.Encoding.UTF8.GetBytes(command + Resp("CLIENT", "PAUSE", ms, "ALL")));
        var reply = new byte[256];
        var read = 0;
        var replies = _password is null ? 1 : 2;
        while (reply.AsSpan(0, read).Count("\r\n"u8) < replies && read < reply.Length)
        {
            var n = socket.Receive(reply, read, reply.Length - read, SocketFlags.None);
            if (n == 0)
                break;
            read += n;
        }

        var text = System.Text.Encoding.UTF8.GetString(reply, 0, read);
        if (!text.EndsWith("+OK\r\n", StringComparison.Ordinal))
            throw new InvalidOperationException($"redis-server on port {Port} refused CLIENT PAUSE: {text.Trim()}");
    }

    /// <summary>
    /// Stops the server process (SIGSTOP) until <see cref="Thaw"/>, as a stalled host would (the process swapped out, its
    /// VM paused): connections stay open and the kernel takes what clients send, but nothing answers. Unlike
    /// <see cref="Pause"/>, whose end nothing can bring forward (a <c>CLIENT UNPAUSE</c> waits out the pause too), the
    /// caller decides when it ends.
    /// </summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>Lets a <see cref="Freeze"/>d server run again (SIGCONT); it answers what was sent meanwhile.</summary>
    public void Thaw() => Signal("-CONT");

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        try
        {
            File.Delete(_logFile);
            if (_dataDirectory is not null)
                Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log or data file left in /tmp is harmless.
        }
    }

    private void Signal(string signal)
    {
        // kill(1) rather than a P/Invoke of kill(2): the signal goes to this server's own process id only.
        var info = new ProcessStartInfo("kill") { ArgumentList = { signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false };
        using var kill = Process.Start(info) ?? throw new InvalidOperationException("kill(1) did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill {signal} {_process.Id} (redis-server on port {Port}) exited with {kill.ExitCode}");
    }

    private static string Resp(params string[] parts)
    {
        var text = new System.Text.StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
            text.Append('$').Append(System.Text.Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        return text.ToString();
    }

    private Process Launch()
    {
        var info = new ProcessStartInfo(_executable)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                             "--save", "", "--daemonize", "no", "--logfile", _logFile },
            UseShellExecute = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        if (_password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(_password);
        }

        if (_dataDirectory is null)
        {
            info.ArgumentList.Add("--appendonly");
            info.ArgumentList.Add("no");
        }
        else
        {
            foreach (var arg in new[] { "--dir", _dataDirectory, "--appendonly", "yes", "--appendfsync", "always" })
                info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
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
        // A server started with a password answers an unauthenticated PING with NOAUTH: it is up.
        return buffer.AsSpan(0, read).StartsWith("+PONG"u8) || buffer.AsSpan(0, read).StartsWith("-NOAUTH"u8);
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
