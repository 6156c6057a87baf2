using Microsoft.AspNetCore.Http;

namespace FraudStream.Host.Web;

/// <summary>
/// The page's files from <c>web/</c> beside the executable (copied there by the build; the chart library by
/// deploy/setup.sh's npm step), under a Content-Security-Policy that allows scripts, styles and connections to this
/// origin only: nothing is fetched from elsewhere at run time.
/// </summary>
internal static class WebAssets
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static async Task ServeAsync(HttpContext context, string root, string file)
    {
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        var full = Path.GetFullPath(Path.Combine(root, file));
        var rootFull = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal) || !s_types.TryGetValue(Path.GetExtension(full), out var type) || !File.Exists(full))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(File.Exists(Path.Combine(root, "index.html"))
                ? "not found"
                : "the analyst's page is not built: run deploy/setup.sh", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.ContentType = type;
        response.Headers.CacheControl = "no-cache";
        await response.SendFileAsync(full, context.RequestAborted).ConfigureAwait(false);
    }
}
