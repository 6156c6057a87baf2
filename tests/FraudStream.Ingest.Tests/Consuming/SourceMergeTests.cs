using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Consuming;

namespace FraudStream.Ingest.Tests.Consuming;

[TestFixture]
public sealed class SourceMergeTests
{
    private static readonly TimeSpan s_idle = TimeSpan.FromMilliseconds(500);

    [Test]
    public void Sources_interleaved_in_any_arrival_order_are_released_in_one_order()
    {
        // Three sources, each in its own (key) order; the arrival interleaving differs from run to run.
        var streams = Enumerable.Range(0, 3).Select(s => Enumerable.Range(0, 40).Select(i => Record(s, 1000 + (i * 7) + (s * 3) - (i % 5 == 0 ? 6 : 0), sources: 3)).ToList()).ToList();
        List<string>? first = null;
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            var random = new Random(seed);
            var merge = new SourceMerge(s_idle);
            var released = new List<string>();
            var next = new int[3];
            var offset = 0L;
            while (Enumerable.Range(0, 3).Any(s => next[s] < streams[s].Count))
            {
                var s = random.Next(3);
                if (next[s] == streams[s].Count)
                    continue;
                var r = streams[s][next[s]++];
                merge.Add(r.Event, offset++, r.Message, nowMs: 0);
                released.AddRange(Release(merge, nowMs: 0));
            }

            released.AddRange(Release(merge, nowMs: 0, all: true));
            Assert.That(released, Has.Count.EqualTo(120));
            Assert.That(released, Is.EqualTo(released.OrderBy(r => long.Parse(r[2..])).ThenBy(r => r[0]).ToList()), "by key, then source");
            first ??= released;
            Assert.That(released, Is.EqualTo(first), $"arrival order {seed}");
        }
    }

    [Test]
    public void A_record_waits_until_every_other_source_has_reached_past_it()
    {
        var merge = new SourceMerge(s_idle);
        merge.Add(Record(1, 100).Event, 0, Record(1, 100).Message, nowMs: 0);
        Assert.That(Release(merge, nowMs: 0), Is.Empty, "source 0 not heard from");

        Assert.That(merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(0, 100)]), nowMs: 1), Is.True);
        Assert.That(Release(merge, nowMs: 1), Is.Empty, "source 0 may still send key 100, which goes first");

        merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(0, 101)]), nowMs: 2);
        Assert.That(Release(merge, nowMs: 2), Is.EqualTo(new[] { "1@100" }));
    }

    [Test]
    public void A_tie_on_the_key_goes_to_the_lower_source()
    {
        var merge = new SourceMerge(s_idle);
        merge.Add(Record(0, 100).Event, 0, Record(0, 100).Message, nowMs: 0);
        Assert.That(Release(merge, nowMs: 0), Is.Empty, "source 1 not heard from");
        merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(1, 100)]), nowMs: 1);
        Assert.That(Release(merge, nowMs: 1), Is.EqualTo(new[] { "0@100" }), "source 1's next record (key >= 100) sorts after it");
    }

    [Test]
    public void A_source_without_progress_holds_nobody_back_after_the_idle_time()
    {
        var merge = new SourceMerge(s_idle);
        merge.Add(Record(0, 100).Event, 0, Record(0, 100).Message, nowMs: 1_000);

        Assert.That(Release(merge, nowMs: 1_499), Is.Empty);
        Assert.That(Release(merge, nowMs: 1_500), Is.EqualTo(new[] { "0@100" }));
    }

    [Test]
    public void A_source_behind_with_records_to_process_holds_the_others_back_past_the_idle_time_while_heard()
    {
        // Source 1 is at 90 and says it has more to process: source 0's record at 100 waits for it, however long it
        // takes, as long as source 1's watermarks keep coming.
        var merge = new SourceMerge(s_idle);
        merge.Add(Record(0, 100).Event, 0, Record(0, 100).Message, nowMs: 0);
        merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(1, 90L, true)]), nowMs: 0);

        for (var now = 400L; now <= 4_800; now += 400)
        {
            merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(1, 90L, true)]), nowMs: now);
            Assert.That(Release(merge, nowMs: now), Is.Empty, $"held at {now} ms");
        }

        merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(1, 101L, false)]), nowMs: 5_000);
        Assert.That(Release(merge, nowMs: 5_000), Is.EqualTo(new[] { "0@100" }), "released once source 1 passed it");
    }

    [Test]
    public void A_source_behind_holds_nobody_back_once_unheard_for_the_stale_time()
    {
        var merge = new SourceMerge(s_idle);
        merge.Add(Record(0, 100).Event, 0, Record(0, 100).Message, nowMs: 0);
        merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(1, 90L, true)]), nowMs: 0);

        var stale = (long)s_idle.TotalMilliseconds * SourceMerge.StaleFactor;
        Assert.That(Release(merge, nowMs: stale - 1), Is.Empty);
        Assert.That(Release(merge, nowMs: stale), Is.EqualTo(new[] { "0@100" }), "its instance stopped: the others go on");
    }

    [Test]
    public void A_source_behind_holds_nobody_back_once_the_merge_holds_its_limit()
    {
        var merge = new SourceMerge(s_idle, holdLimit: 3);
        merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(1, 90L, true)]), nowMs: 0);
        merge.Add(Record(0, 100).Event, 0, Record(0, 100).Message, nowMs: 0);
        merge.Add(Record(0, 101).Event, 1, Record(0, 101).Message, nowMs: 0);
        Assert.That(Release(merge, nowMs: 600), Is.Empty, "2 held, below the limit");

        merge.Add(Record(0, 102).Event, 2, Record(0, 102).Message, nowMs: 600);
        Assert.That(Release(merge, nowMs: 600), Is.EqualTo(new[] { "0@100", "0@101", "0@102" }), "memory stays bounded");
    }

    [Test]
    public void Watermarks_carry_whether_each_source_has_records_pending()
    {
        var bytes = SourceOrder.EncodeWatermarks(40, [(3, 1_000L, true), (39, -5L, false)]);

        Assert.That(SourceOrder.TryReadWatermarks(bytes, out var sources, out var count), Is.True);
        Assert.That((sources, count), Is.EqualTo((40, 2)));
        Assert.That(SourceOrder.WatermarkAt(bytes, 0), Is.EqualTo((3, 1_000L, true)));
        Assert.That(SourceOrder.WatermarkAt(bytes, 1), Is.EqualTo((39, -5L, false)));
    }

    [Test]
    public void The_safe_offset_stops_at_the_oldest_record_still_held()
    {
        var merge = new SourceMerge(s_idle);
        merge.Add(Record(0, 300).Event, 10, Record(0, 300).Message, nowMs: 0);
        merge.Add(Record(1, 100).Event, 11, Record(1, 100).Message, nowMs: 0);

        Assert.That(Release(merge, nowMs: 0), Is.EqualTo(new[] { "1@100" }), "source 0 is at 300, past 100");
        Assert.That(merge.SafeOffset(consumedUpTo: 12), Is.EqualTo(10), "offset 10 is still held");

        merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(1, 400)]), nowMs: 1);
        Assert.That(Release(merge, nowMs: 1), Is.EqualTo(new[] { "0@300" }));
        Assert.That(merge.SafeOffset(consumedUpTo: 12), Is.EqualTo(12));
    }

    [Test]
    public void A_record_without_an_ordering_key_is_released_at_once()
    {
        var merge = new SourceMerge(s_idle);
        merge.Add(Record(0, 100).Event, 0, Record(0, 100).Message, nowMs: 0);
        merge.Add(Record(0, 50).Event, 1, new Message<byte[], ConsumedBytes>(), nowMs: 0);

        Assert.That(Release(merge, nowMs: 0), Is.EqualTo(new[] { "0@50" }));
        Assert.That(merge.Count, Is.EqualTo(1));
    }

    [Test]
    public void Malformed_watermarks_are_refused()
    {
        var merge = new SourceMerge(s_idle);
        Assert.That(merge.Watermarks([0, 2, 0], nowMs: 0), Is.False, "length");
        Assert.That(merge.Watermarks(SourceOrder.EncodeWatermarks(2, [(5, 100)]), nowMs: 0), Is.False, "source beyond the count");
    }

    [Test]
    public void Held_offsets_give_the_oldest_held_across_growth_and_any_release_order()
    {
        var held = new HeldOffsets();
        var sequences = Enumerable.Range(0, 5000).Select(i => held.Add(100 + i)).ToList();
        var random = new Random(7);
        var order = sequences.OrderBy(_ => random.Next()).ToList();
        var released = new HashSet<long>();
        foreach (var s in order.Take(4000))
        {
            held.Release(s);
            released.Add(s);
        }

        var oldest = sequences.First(s => !released.Contains(s));
        Assert.That(held.TryOldest(out var offset), Is.True);
        Assert.That(offset, Is.EqualTo(100 + oldest));
        Assert.That(held.Count, Is.EqualTo(sequences.Count - (int)oldest));
    }

    private static (CallEvent Event, Message<byte[], ConsumedBytes> Message) Record(int source, long key, int sources = 2)
        => (new CallEvent
        {
            RecordId = $"{source}@{key}",
            RecordHash = (ulong)((source * 1_000_000) + key),
            Type = CallType.Voice,
            Caller = default,
            Callee = default,
            StartTimeMs = key,
        },
        new Message<byte[], ConsumedBytes> { Headers = new Headers { { SourceOrder.Header, SourceOrder.Encode(key, source, sources) } } });

    private static List<string> Release(SourceMerge merge, long nowMs, bool all = false)
    {
        var batch = new EventBatch("t", 0, 1000);
        batch.Reset(0);
        merge.Release(batch, all, nowMs);
        return [.. batch.Events.ToArray().Select(e => e.RecordId)];
    }
}
