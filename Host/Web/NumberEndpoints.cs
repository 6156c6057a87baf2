using System.Text.Json;
using FraudStream.Host.Commands.Labels;
using FraudStream.Scoring.Blocklist;
using Microsoft.AspNetCore.Http;

namespace FraudStream.Host.Web;

/// <summary>
/// One number: <c>GET /api/numbers/{number}</c> (its label and audit trail) and the analyst's writes, through the
/// same <see cref="LabelStore"/> and the same checks as <c>fraudstream labels</c>: <c>POST …/label</c>
/// (category, source, reason, ttl, action), <c>POST …/remove</c> (reason), <c>POST …/allow</c> (reason, ttl).
/// A write without the analyst token is 401 before anything is read; bad input is 400 with the CLI's wording.
/// </summary>
internal static class NumberEndpoints
{
    public const string Actor = "web:analyst";
    private const int MaxReason = 500;
    private const int AuditShown = 50;

    public static async Task GetAsync(HttpContext context, AnalystContext analyst)
    {
        if (!TryNumber(context, analyst, out var number, out var problem))
        {
            await WebResponses.Problem(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        if (analyst.Labels is not { } store)
        {
            await WebResponses.Problem(context, StatusCodes.Status503ServiceUnavailable, "no Redis configured: labels cannot be read").ConfigureAwait(false);
            return;
        }

        var label = await store.GetAsync(number, context.RequestAborted).ConfigureAwait(false);
        var audit = await store.AuditAsync(number, AuditShown, context.RequestAborted).ConfigureAwait(false);
        await WebResponses.Json(context, StatusCodes.Status200OK, new
        {
            number = LabelFormat.Number(number),
            label = label is null ? null : new
            {
                category = LabelNames.Name(label.Category),
                source = LabelNames.Name(label.Source),
                action = LabelNames.Name(label.Action),
                reason = label.Reason,
                created = label.CreatedMs == 0 ? null : LabelFormat.Time(label.CreatedMs),
                expires = label.ExpiresMs == 0 ? null : LabelFormat.Time(label.ExpiresMs),
                actor = label.Actor,
            },
            audit = audit.Select(static e => new { time = LabelFormat.Time(e.TimeMs), op = e.Op, category = e.Category, source = e.Source, reason = e.Reason, actor = e.Actor, version = e.Version }),
        }).ConfigureAwait(false);
    }

    public static Task LabelAsync(HttpContext context, AnalystContext analyst) => WriteAsync(context, analyst, Change.Label);

    public static Task RemoveAsync(HttpContext context, AnalystContext analyst) => WriteAsync(context, analyst, Change.Remove);

    public static Task AllowAsync(HttpContext context, AnalystContext analyst) => WriteAsync(context, analyst, Change.Allow);

    private enum Change
    {
        Label,
        Remove,
        Allow,
    }

    private static async Task WriteAsync(HttpContext context, AnalystContext analyst, Change change)
    {
        if (!AnalystToken.MayWrite(context, analyst.Token))
        {
            await WebResponses.Unauthorized(context, analyst.Token.Length == 0).ConfigureAwait(false);
            return;
        }

        if (!TryNumber(context, analyst, out var number, out var problem))
        {
            await WebResponses.Problem(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await WebResponses.Problem(context, StatusCodes.Status400BadRequest, "the body is not JSON").ConfigureAwait(false);
            return;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            await WebResponses.Problem(context, StatusCodes.Status400BadRequest, "the body is not a JSON object").ConfigureAwait(false);
            return;
        }

        if (analyst.Labels is not { } store)
        {
            await WebResponses.Problem(context, StatusCodes.Status503ServiceUnavailable, "no Redis configured: labels cannot be written").ConfigureAwait(false);
            return;
        }

        var reason = Text(body, "reason");
        if (reason.Length == 0 || reason.Length > MaxReason)
        {
            await WebResponses.Problem(context, StatusCodes.Status400BadRequest, $"reason: required, at most {MaxReason} characters (it goes into the audit trail)").ConfigureAwait(false);
            return;
        }

        if (change == Change.Remove)
        {
            var removed = await store.RemoveAsync(number, reason, Actor, context.RequestAborted).ConfigureAwait(false);
            await (removed
                ? WebResponses.Json(context, StatusCodes.Status200OK, new { number = LabelFormat.Number(number), removed = true })
                : WebResponses.Problem(context, StatusCodes.Status404NotFound, $"{LabelFormat.Number(number)} has no label")).ConfigureAwait(false);
            return;
        }

        if (LabelRequests.TryCreate(number, change == Change.Allow ? "allow" : Text(body, "category"), Text(body, "source", "carrier"), reason,
                Text(body, "ttl"), change == Change.Allow ? "" : Text(body, "action"), out var request, out problem))
        {
            var version = await store.AddAsync(request, Actor, context.RequestAborted).ConfigureAwait(false);
            await WebResponses.Json(context, StatusCodes.Status200OK, new { number = LabelFormat.Number(number), version, kept = version == 0 }).ConfigureAwait(false);
        }
        else
            await WebResponses.Problem(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
    }

    private static bool TryNumber(HttpContext context, AnalystContext analyst, out ulong number, out string problem)
    {
        var text = context.Request.RouteValues["number"] as string ?? "";
        number = 0;
        if (text.StartsWith("h:", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"number '{text}' is a pseudonym: pseudonymised alerts stay so, and labels need the number itself";
            return false;
        }

        if (LabelsSession.TryParseNumber(text, analyst.HomeCountryCode, out number, out var error))
        {
            problem = "";
            return true;
        }

        problem = $"number '{text}': {error}";
        return false;
    }

    private static string Text(JsonElement body, string name, string fallback = "")
        => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : fallback;
}
