using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FraudStream.Host.Web;

/// <summary>The page's JSON answers and refusals, never cached.</summary>
internal static class WebResponses
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, s_json), context.RequestAborted);
    }

    public static Task Problem(HttpContext context, int status, string error) => Json(context, status, new { error });

    public static Task Unauthorized(HttpContext context, bool noTokenConfigured)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"fraudstream analyst\"";
        return Problem(context, StatusCodes.Status401Unauthorized, noTokenConfigured
            ? "writes are off: no Operations:AnalystToken is configured"
            : "a write needs the analyst token (Authorization: Bearer …)");
    }
}
