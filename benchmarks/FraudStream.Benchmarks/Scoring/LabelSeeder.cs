using FraudStream.Scoring.Blocklist;
using StackExchange.Redis;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// Puts many labels into Redis quickly for the benchmarks: pipelined HSETs in the blocklist's hash layout,
/// not one change script per label (those would add a change-log and audit entry each, which a full load
/// does not read). The replica then loads them through its real full-load path.
/// </summary>
internal static class LabelSeeder
{
    public const ulong HitBase = 8613000000000;
    public const ulong MissBase = 8615000000000;
    private const ulong Range = 1_000_000_000;

    /// <summary><paramref name="count"/> distinct random numbers in +86 13x xxxx xxxx (hits) or +86 15x (misses).</summary>
    public static ulong[] Numbers(int count, ulong start, int seed)
    {
        var random = new Random(seed);
        var numbers = new ulong[count];
        var filled = 0;
        while (filled < count)
        {
            for (var i = filled; i < count; i++)
                numbers[i] = start + (ulong)random.NextInt64((long)Range);
            Array.Sort(numbers);
            filled = numbers.AsSpan().Length - RemoveDuplicates(numbers);
        }

        random.Shuffle(numbers);
        return numbers;
    }

    public static async Task SeedAsync(IConnectionMultiplexer redis, BlocklistOptions options, ulong[] numbers)
    {
        var db = redis.GetDatabase();
        const int window = 20_000;
        var pending = new List<Task>(window);
        var created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var expires = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeMilliseconds();
        for (var i = 0; i < numbers.Length; i++)
        {
            // Every eighth label is an auto label with an expiry, so lookups also take the clock path.
            var auto = i % 8 == 0;
            HashEntry[] fields = auto
                ? [new("cat", "wangiri"), new("src", "auto"), new("act", "block"), new("reason", "one-ring burst"), new("created", created), new("actor", "auto"), new("exp", expires)]
                : [new("cat", i % 3 == 0 ? "fraud" : "spam"), new("src", "police"), new("act", i % 3 == 0 ? "block" : "warn"), new("reason", "case file 2026-117"), new("created", created), new("actor", "cli:seed")];
            pending.Add(db.HashSetAsync(options.KeyPrefix + "label:" + numbers[i], fields));
            if (pending.Count == window)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    // Moves duplicates of a sorted array to its end, zeroed; returns how many.
    private static int RemoveDuplicates(ulong[] sorted)
    {
        var write = 1;
        for (var read = 1; read < sorted.Length; read++)
        {
            if (sorted[read] != sorted[write - 1])
                sorted[write++] = sorted[read];
        }

        var duplicates = sorted.Length - write;
        Array.Clear(sorted, write, duplicates);
        return duplicates;
    }
}
