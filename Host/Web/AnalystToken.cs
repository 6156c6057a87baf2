using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FraudStream.Host.Web;

/// <summary>
/// Who may do what: reads need nothing from a loopback client, everything else (writes from anywhere, reads from
/// another host) needs <c>Authorization: Bearer &lt;Operations:AnalystToken&gt;</c>, compared in constant time.
/// No token configured means nobody may write. A read from loopback naming a host other than an IP address or
/// <c>localhost</c> needs the token too (DNS rebinding).
/// </summary>
internal static class AnalystToken
{
    public static bool MayRead(HttpContext context, string token)
        => (IsLoopback(context) && IsLocalHost(context.Request.Host.Host)) || MayWrite(context, token);

    private static bool IsLoopback(HttpContext context) => context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

    // A loopback client asking for another host name is a browser tricked by DNS rebinding (a hostile page whose
    // name now resolves to 127.0.0.1): it gets nothing without the token.
    private static bool IsLocalHost(string host)
        => host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host.Trim('[', ']'), out _);

    public static bool MayWrite(HttpContext context, string token)
    {
        if (token.Length == 0)
            return false;
        var header = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return false;
        var given = Encoding.UTF8.GetBytes(header[bearer.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(token));
    }
}
