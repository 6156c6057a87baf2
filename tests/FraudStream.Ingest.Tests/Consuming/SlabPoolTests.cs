using FraudStream.Ingest.Consuming;

namespace FraudStream.Ingest.Tests.Consuming;

/// <summary>Consumed values in pooled slabs: a slab is written again only after every record in it is released.</summary>
[TestFixture]
public sealed class SlabPoolTests
{
    [Test]
    public void Slab_is_not_reused_while_any_of_its_records_is_unreleased()
    {
        var pool = new SlabPool(slabBytes: 64, maxFree: 8);
        var first = new List<(ConsumedBytes Bytes, byte[] Expected)>();
        for (var i = 0; i < 4; i++)
            first.Add(Copy(pool, i, 16)); // fills the first slab exactly
        var firstSlab = first[0].Bytes.Slab!;
        var next = Copy(pool, 100, 16); // the writer moves on to a second slab
        Assert.That(next.Bytes.Slab, Is.Not.SameAs(firstSlab));

        foreach (var (bytes, _) in first.Skip(1))
            pool.Release(bytes);
        for (var i = 0; i < 200; i++)
        {
            var later = Copy(pool, 1000 + i, 16);
            Assert.That(later.Bytes.Slab, Is.Not.SameAs(firstSlab), $"record {i} was written into a slab one of whose records is unreleased");
            pool.Release(later.Bytes);
        }

        Assert.That(first[0].Bytes.Span.ToArray(), Is.EqualTo(first[0].Expected), "the unreleased record's bytes");

        pool.Release(first[0].Bytes);
        var reused = false;
        for (var i = 0; i < 20 && !reused; i++) // kept, so the writer must take slabs from the pool
            reused = ReferenceEquals(Copy(pool, 2000 + i, 16).Bytes.Slab, firstSlab);

        Assert.That(reused, Is.True, "once its last record is released the slab goes back to the pool");
    }

    [Test]
    public void Contents_stay_intact_over_many_batches_released_partition_by_partition()
    {
        var pool = new SlabPool(slabBytes: 512, maxFree: 64);
        var partitions = Enumerable.Range(0, 3).Select(_ => new SlabRelease(pool)).ToArray();
        var unreleased = Enumerable.Range(0, 3).Select(_ => new Queue<(long Offset, ConsumedBytes Bytes, byte[] Expected)>()).ToArray();
        var offsets = new long[3];
        var copied = 0L;
        for (var round = 0; round < 2000; round++)
        {
            // Records arrive interleaved across partitions (one poll thread), of varying length.
            for (var i = 0; i < 7; i++)
            {
                var p = (round + i) % 3;
                var (bytes, expected) = Copy(pool, (int)copied, 20 + (int)(copied % 37));
                copied += expected.Length;
                partitions[p].Track(offsets[p], bytes);
                unreleased[p].Enqueue((offsets[p]++, bytes, expected));
            }

            // Each partition acknowledges at its own pace: partition 2 lags far behind the others.
            var p2 = round % 3;
            var lag = p2 == 2 ? 40 : 3;
            if (unreleased[p2].Count > lag)
            {
                var next = unreleased[p2].ElementAt(unreleased[p2].Count - lag).Offset;
                partitions[p2].ReleaseBefore(next);
                while (unreleased[p2].Peek().Offset < next)
                    unreleased[p2].Dequeue();
            }

            foreach (var queue in unreleased)
            {
                foreach (var (offset, bytes, expected) in queue)
                    Assert.That(bytes.Span.SequenceEqual(expected), Is.True, $"round {round}: the record at offset {offset} was overwritten while unreleased");
            }
        }

        Assert.That(pool.Created, Is.LessThan(copied / 512 / 4), "slabs were reused, not made anew for every fill");
    }

    [Test]
    public void Releasing_a_slab_more_times_than_it_was_referenced_throws()
    {
        var pool = new SlabPool(slabBytes: 64);
        var records = Enumerable.Range(0, 5).Select(i => Copy(pool, i, 16).Bytes).ToList(); // the fifth goes to a new slab
        foreach (var bytes in records.Take(4))
            pool.Release(bytes);

        Assert.That(() => pool.Release(records[0]), Throws.InvalidOperationException);
    }

    [Test]
    public void Value_larger_than_half_a_slab_gets_an_array_of_its_own()
    {
        var pool = new SlabPool(slabBytes: 64);
        var (bytes, expected) = Copy(pool, 7, 40);

        Assert.That(bytes.Slab, Is.Null);
        Assert.That(bytes.Span.ToArray(), Is.EqualTo(expected));
        Assert.That(pool.Created, Is.Zero);
    }

    [Test]
    public void Null_value_stays_null_and_empty_value_stays_empty()
    {
        var pool = new SlabPool(slabBytes: 64);

        Assert.That(pool.Deserialize(default, isNull: true, default).IsNull, Is.True);
        var empty = pool.Deserialize(default, isNull: false, default);
        Assert.That((empty.IsNull, empty.Length, empty.ToArrayOrNull()), Is.EqualTo((false, 0, Array.Empty<byte>())));
    }

    private static (ConsumedBytes Bytes, byte[] Expected) Copy(SlabPool pool, int seed, int length)
    {
        var expected = new byte[length];
        for (var i = 0; i < length; i++)
            expected[i] = (byte)(seed * 31 + i * 7);
        return (pool.Copy(expected), expected);
    }
}
