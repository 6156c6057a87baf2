using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace FraudStream.Scoring.Redis;

/// <summary>
/// Says why a client could not connect to Redis. StackExchange.Redis names a failure type at best (UnableToConnect,
/// AuthenticationFailure), not whether anything listens or which password problem it was; a plain TCP
/// connection says whether anything listens, and one RESP command (AUTH with the configured password, or PING)
/// whether Redis wants a password or refused this one. The answer never repeats the password or the server's words.
/// </summary>
public static class RedisProbe
{
    public const string PasswordKeys = "Redis:Password (FRAUDSTREAM__Redis__Password) or password= in Redis:Configuration";

    private const string NotRedis = "the port accepts connections but closed one that spoke plain Redis (a TLS port? then add ssl=true to Redis:Configuration)";

    /// <summary>A short reason, e.g. "connection refused" or "Redis refused the password (…)".</summary>
    public static async Task<string> WhyUnavailableAsync(RedisOptions options, CancellationToken cancellationToken = default)
    {
        ConfigurationOptions config;
        try
        {
            config = options.Parse();
        }
        catch (ArgumentException)
        {
            return "Redis:Configuration is not a StackExchange.Redis configuration string";
        }

        var endPoint = config.EndPoints.FirstOrDefault();
        if (endPoint is null)
            return "no endpoint in Redis:Configuration";

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeoutMs);
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.ConnectTimeoutMs} ms";
        }

        if (config.Ssl)
            return "the port accepts connections but the TLS session failed (certificate not trusted (Redis:SslCaLocation?), sslHost not in it, or not a TLS port?)";
        try
        {
            await socket.SendAsync(Command(config.Password), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            var reply = new byte[64];
            var read = await socket.ReceiveAsync(reply, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            return read == 0 ? NotRedis : Explain(reply.AsSpan(0, read), !string.IsNullOrEmpty(config.Password));
        }
        catch (SocketException)
        {
            // A TLS port resets a connection that sends plain text.
            return NotRedis;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "the port accepts connections but Redis did not answer";
        }
    }

    // AUTH as a RESP array, so that any character of the password is sent as it is.
    private static byte[] Command(string? password)
    {
        if (string.IsNullOrEmpty(password))
            return "*1\r\n$4\r\nPING\r\n"u8.ToArray();
        var bytes = Encoding.UTF8.GetBytes(password);
        return [.. "*2\r\n$4\r\nAUTH\r\n$"u8, .. Encoding.ASCII.GetBytes(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. "\r\n"u8, .. bytes, .. "\r\n"u8];
    }

    private static string Explain(ReadOnlySpan<byte> reply, bool passwordGiven)
    {
        if (reply.StartsWith("-NOAUTH"u8))
            return "Redis requires a password: set " + PasswordKeys;
        if (reply.StartsWith("-WRONGPASS"u8) || reply.StartsWith("-ERR invalid password"u8) || reply.StartsWith("-ERR invalid username-password"u8))
            return "Redis refused the password given in " + PasswordKeys;
        if (passwordGiven && reply.StartsWith("-ERR"u8) && reply.IndexOf("without any password configured"u8) >= 0)
            return "Redis has no password set but one was given in " + PasswordKeys;
        if (reply.StartsWith("+"u8))
            return "Redis answers on this port but the client did not connect in time";
        return "the port accepts connections but does not answer like Redis (a TLS port, or a different service?)";
    }
}
