using FraudStream.Scoring.Blocklist;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>The replica's table: one writer, lock-free readers, 16 bytes a slot.</summary>
[TestFixture]
public sealed class SingleWriterMapTests
{
    [Test]
    public void Set_replace_and_remove_are_seen_by_lookups()
    {
        var map = new SingleWriterMap();

        map.Set(8613800000001, 11);
        map.Set(8613800000002, 22);
        map.Set(8613800000001, 33);
        var removed = map.Remove(8613800000002);
        var removedAgain = map.Remove(8613800000002);

        Assert.That(map.TryGetValue(8613800000001, out var value) ? value : 0, Is.EqualTo(33));
        Assert.That(map.TryGetValue(8613800000002, out _), Is.False);
        Assert.That((removed, removedAgain), Is.EqualTo((true, false)));
        Assert.That(map.Count, Is.EqualTo(1));
    }

    [Test]
    public void Prefetch_of_any_key_reads_a_slot_of_the_current_array_and_changes_nothing()
    {
        var map = new SingleWriterMap();
        var random = new Random(5);
        ulong[] keys = [1, ulong.MaxValue, 8613800000001, .. Enumerable.Range(0, 1000).Select(_ => (ulong)random.NextInt64(1, long.MaxValue))];

        foreach (var key in keys)
            map.Prefetch(key); // an empty, minimum-size array
        foreach (var key in keys)
            map.Set(key, key ^ 0xFF);
        foreach (var key in keys)
            map.Prefetch(key); // grown several times

        Assert.That(map.Count, Is.EqualTo(keys.Length));
        Assert.That(keys.All(k => map.TryGetValue(k, out var v) && v == (k ^ 0xFF)), Is.True);
    }

    [Test]
    public void Key_and_value_zero_are_refused()
    {
        var map = new SingleWriterMap();

        Assert.That(() => map.Set(0, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => map.Set(1, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Removed_entries_do_not_pile_up_when_numbers_come_and_go()
    {
        var map = new SingleWriterMap();

        // A million short-lived auto labels, never more than 100 at once.
        for (ulong i = 1; i <= 1_000_000; i++)
        {
            map.Set(i, i);
            if (i > 100)
                map.Remove(i - 100);
        }

        Assert.That(map.Count, Is.EqualTo(100));
        Assert.That(map.Capacity, Is.LessThanOrEqualTo(1024), "tombstones are dropped when the table is rebuilt");
        Assert.That(map.TryGetValue(1_000_000, out _) && !map.TryGetValue(999_900, out _), Is.True);
    }

    [Test]
    public void A_million_entries_cost_under_100_bytes_each()
    {
        var map = new SingleWriterMap();
        for (ulong i = 0; i < 1_000_000; i++)
            map.Set(8613000000000 + (i * 7919), i + 1);

        Assert.That(map.Count, Is.EqualTo(1_000_000));
        Assert.That((double)map.Bytes / map.Count, Is.LessThan(100));
    }

    /// <summary>
    /// Readers on other threads look up keys while the writer adds, replaces and removes them and rebuilds the
    /// table again and again. Every value encodes its own key, so a torn entry or a value read against the
    /// wrong key would show; keys once added and never removed must always be found, keys never added never.
    /// The keys are random and the kept ones are added among the churn, so they sit in probe chains behind
    /// entries that get removed (consecutive keys, or keys added before the churn, would hardly ever do so).
    /// </summary>
    [Test]
    public void Readers_never_see_torn_or_foreign_entries_while_the_writer_churns()
    {
        const int writerOps = 3_000_000;
        const int keptEvery = 100;
        var keys = RandomKeys(seed: 7, 100_000 + 20_000 + 100_000);
        var churn = keys[..100_000];
        var kept = keys[100_000..120_000];
        var phantom = keys[120_000..];

        var map = new SingleWriterMap();
        var published = 0; // kept[..published] are in the map for good
        var done = 0;
        var wrongPairs = 0L;
        var keptMisses = 0L;
        var phantomHits = 0L;
        var reads = 0L;
        var capacities = new HashSet<int>();

        var readers = Enumerable.Range(0, 2).Select(seed => Task.Factory.StartNew(() =>
        {
            var random = new Random(seed);
            long local = 0, wrong = 0, misses = 0, phantoms = 0;
            while (Volatile.Read(ref done) == 0)
            {
                for (var n = 0; n < 1000; n++)
                {
                    var key = churn[random.Next(churn.Length)];
                    if (map.TryGetValue(key, out var v) && v >> 24 != key)
                        wrong++;

                    var count = Volatile.Read(ref published);
                    if (count > 0)
                    {
                        key = kept[random.Next(count)];
                        if (!map.TryGetValue(key, out v))
                            misses++;
                        else if (v >> 24 != key)
                            wrong++;
                    }

                    if (map.TryGetValue(phantom[random.Next(phantom.Length)], out _))
                        phantoms++;
                    local += 3;
                }
            }

            Interlocked.Add(ref reads, local);
            Interlocked.Add(ref wrongPairs, wrong);
            Interlocked.Add(ref keptMisses, misses);
            Interlocked.Add(ref phantomHits, phantoms);
        }, TaskCreationOptions.LongRunning)).ToArray();

        var writerRandom = new Random(42);
        for (var op = 0; op < writerOps; op++)
        {
            var key = churn[writerRandom.Next(churn.Length)];
            if (writerRandom.Next(3) == 0)
                map.Remove(key);
            else
                map.Set(key, Value(key, op));

            if (op % keptEvery == 0 && published < kept.Length)
            {
                map.Set(kept[published], Value(kept[published], op));
                Volatile.Write(ref published, published + 1);
            }
            else if (op % keptEvery == 50 && published > 0)
            {
                var again = kept[writerRandom.Next(published)];
                map.Set(again, Value(again, op)); // a replaced value, never a removal
            }

            // Now and then empty the churn, so rebuilds also shrink the table and drop tombstones.
            if (op % 500_000 == 499_999)
            {
                foreach (var k in churn)
                    map.Remove(k);
            }

            if ((op & 1023) == 0)
                capacities.Add(map.Capacity);
        }

        Volatile.Write(ref done, 1);
        Task.WaitAll(readers);

        Assert.That(wrongPairs, Is.Zero, "a value read against a key it does not belong to");
        Assert.That(keptMisses, Is.Zero, "a key that was never removed went missing");
        Assert.That(phantomHits, Is.Zero, "a key that was never added was found");
        Assert.That(kept.Count(k => !map.TryGetValue(k, out _)), Is.Zero, "every kept key is there at the end");
        Assert.That(reads, Is.GreaterThan(100_000), "the readers really ran alongside the writer");
        Assert.That(capacities, Has.Count.GreaterThan(3), "the table was rebuilt under the readers");
    }

    private static ulong[] RandomKeys(int seed, int count)
    {
        var random = new Random(seed);
        var keys = new HashSet<ulong>();
        while (keys.Count < count)
            keys.Add((ulong)random.NextInt64(1, 1L << 40));
        return [.. keys];
    }

    // The key in the high 40 bits, a generation in the low 24 (never 0).
    private static ulong Value(ulong key, int generation) => (key << 24) | (uint)((generation & 0xFFFFFF) | 1);
}
