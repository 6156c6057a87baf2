using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace FraudStream.Scoring.Blocklist;

public sealed partial class LabelStore
{
    /// <summary>
    /// The newest <paramref name="limit"/> audit entries, newest first: of one number or subscriber (its own
    /// trail, kept even after the label is gone) or, when <paramref name="subject"/> is null, of everything.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(ulong? subject = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var key = subject is { } number ? _keys.NumberAudit(number) : _keys.Audit;
        var values = await RunAsync(static (db, s) => db.ListRangeAsync(s.key, 0, s.limit - 1), (key, limit), cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>(values.Length);
        foreach (var value in values)
        {
            if (TryParseAudit((string?)value, out var entry))
                entries.Add(entry);
        }

        return entries;
    }

    private static bool TryParseAudit(string? json, out AuditEntry entry)
    {
        entry = null!;
        if (json is null)
            return false;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
            _ = long.TryParse(Text("t"), NumberStyles.None, CultureInfo.InvariantCulture, out var time);
            var version = root.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
            entry = new AuditEntry(time, Text("op"), Text("subject"), Text("cat"), Text("src"), Text("reason"), Text("actor"), version);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
