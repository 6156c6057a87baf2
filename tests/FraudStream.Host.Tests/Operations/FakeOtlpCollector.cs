using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace FraudStream.Host.Tests.Operations;

/// <summary>
/// The receiving end of OTLP/HTTP on a free loopback port: an <see cref="HttpListener"/> that keeps every request
/// (method, path, content type, body) and answers 200, as an OpenTelemetry collector does.
/// </summary>
internal sealed class FakeOtlpCollector : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Task _serving;

    private FakeOtlpCollector(HttpListener listener, string address)
    {
        _listener = listener;
        Address = address;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The base address, <c>http://127.0.0.1:port/</c>.</summary>
    public string Address { get; }

    public static FakeOtlpCollector Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            // A port the kernel just handed out and took back; another process may take it first, then try again.
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var address = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(address);
            try
            {
                listener.Start();
                return new FakeOtlpCollector(listener, address);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>The first request <paramref name="match"/> accepts, polled until <paramref name="timeout"/>; fails the test otherwise.</summary>
    public async Task<Request> WaitForAsync(Func<Request, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = _requests.FirstOrDefault(match);
            if (found is not null)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"no matching OTLP request within {timeout.TotalSeconds:F0} s; received {_requests.Count}: {string.Join(", ", _requests.Select(r => $"{r.Method} {r.Path} {r.ContentType} {r.Body.Length} B"))}");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's ObjectDisposedException or HttpListenerException.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _requests.Enqueue(new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    /// <summary>One request as received.</summary>
    internal sealed record Request(string Method, string Path, string ContentType, byte[] Body)
    {
        /// <summary>Whether the protobuf body carries <paramref name="text"/> (names are plain UTF-8 strings in it).</summary>
        public bool Carries(string text) => Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
