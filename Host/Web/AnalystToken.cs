using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FraudStream.Host.Web;

/// <summary>
/// Who may do what: reads need nothing from a loopback client, everything else (writes from anywhere, reads from
/// another host) needs <c>Authorization: Bearer &lt;Operations:AnalystToken&gt;</c>, compared in constant time.
/// No token configured means nobody may write.
/// </summary>
internal static class AnalystToken
{
    public static bool MayRead(HttpContext context, string token)
        => context.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip) || MayWrite(context, token);

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
