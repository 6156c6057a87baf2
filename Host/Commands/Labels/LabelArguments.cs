using System.Globalization;
using System.Text;
using FraudStream.Host.Hosting;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Commands.Labels;

/// <summary>Parses what users type for labels (category, source, action, expiry, on/off); bad input is a <see cref="UsageException"/>.</summary>
internal static class LabelArguments
{
    public static LabelCategory Category(string? text)
        => TryCategory(text, out var category, out var error) ? category : throw new UsageException("--category " + error);

    public static LabelSource Source(string? text)
        => TrySource(text, out var source, out var error) ? source : throw new UsageException("--source " + error);

    public static LabelAction Action(string? text)
        => LabelNames.TryParse(text, out LabelAction action) ? action : throw new UsageException($"--action '{text}': expected one of {string.Join(", ", LabelNames.Actions)}");

    public static bool TryCategory(string? text, out LabelCategory category, out string error)
    {
        error = LabelNames.TryParse(text, out category) ? "" : $"'{text}': expected one of {string.Join(", ", LabelNames.Categories)}";
        return error.Length == 0;
    }

    public static bool TrySource(string? text, out LabelSource source, out string error)
    {
        error = LabelNames.TryParse(text, out source) ? "" : $"'{text}': expected one of {string.Join(", ", LabelNames.Sources)}";
        return error.Length == 0;
    }

    /// <summary>
    /// An expiry as RFC 3339 (<c>2026-12-31T00:00:00Z</c>) or as a time to live from <paramref name="now"/>
    /// (<c>45s</c>, <c>90m</c>, <c>12h</c>, <c>30d</c>, <c>2w</c>); empty means never.
    /// </summary>
    public static bool TryExpiry(string? text, DateTimeOffset now, out DateTimeOffset? expires, out string error)
    {
        expires = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
            return true;
        text = text.Trim();
        if (Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var ms))
            expires = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        else if (TryTtl(text, out var ttl))
            expires = now + ttl;
        else
        {
            error = $"'{text}': expected RFC 3339 (2026-12-31T00:00:00Z) or a time to live (45s, 90m, 12h, 30d, 2w)";
            return false;
        }

        if (expires <= now)
        {
            error = $"'{text}': already past";
            return false;
        }

        return true;
    }

    public static bool TryTtl(string text, out TimeSpan ttl)
    {
        ttl = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is <= 0 or > 100_000)
            return false;
        ttl = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            'w' => TimeSpan.FromDays(count * 7),
            _ => TimeSpan.Zero,
        };
        return ttl > TimeSpan.Zero;
    }

    /// <summary><c>on</c>/<c>off</c> (also true/false, yes/no, 1/0); null when the option was not given.</summary>
    public static bool? OnOff(string? text, string option) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "on" or "true" or "yes" or "1" => true,
        "off" or "false" or "no" or "0" => false,
        _ => throw new UsageException($"{option} '{text}': expected on or off"),
    };

    public static (ulong Prefix, byte Length) Prefix(string text)
        => PrefixRule.TryParseDigits(text, out var prefix, out var length)
            ? (prefix, length)
            : throw new UsageException($"prefix '{text}': expected 1 to {PrefixRule.MaxLength} digits of an E.164 number, not starting with 0");

    public static int Limit(int limit)
        => limit is >= 1 and <= 1_000_000 ? limit : throw new UsageException($"--limit {limit}: expected 1 to 1000000");
}
