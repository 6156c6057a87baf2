using System.Text;
using FraudStream.LoadTest.Harness;

namespace FraudStream.LoadTest.Tests.Harness;

[TestFixture]
public sealed class LatencyBookTests
{
    // A clock in milliseconds: timestamps are ms, the frequency 1000 per second.
    private const long Frequency = 1000;

    [Test]
    public void Schedule_spaces_records_by_the_rate_from_the_start()
    {
        var book = new LatencyBook(startTimestamp: 10_000, ratePerSecond: 100, Frequency);

        Assert.That(book.IntendedTimestamp(0), Is.EqualTo(10_000));
        Assert.That(book.IntendedTimestamp(1), Is.EqualTo(10_010));
        Assert.That(book.IntendedTimestamp(250), Is.EqualTo(12_500));
        Assert.That(book.DueBy(9_999), Is.Zero);
        Assert.That(book.DueBy(10_000), Is.EqualTo(1));
        Assert.That(book.DueBy(10_095), Is.EqualTo(10), "records 0..9 are due by 10,090");
    }

    [Test]
    public void Records_due_before_a_time_are_exactly_those_intended_earlier_whatever_the_rounding()
    {
        // 3 records/s on a 1,000 Hz clock: intended times 0, 333, 667, 1000, 1333, ... (rounded to the nearest tick).
        var book = new LatencyBook(startTimestamp: 0, ratePerSecond: 3, Frequency);

        for (var t = -5L; t < 5_000; t++)
        {
            var expected = 0L;
            while (book.IntendedTimestamp(expected) < t)
                expected++;
            Assert.That(book.DueBefore(t), Is.EqualTo(expected), $"t = {t}");
        }
    }

    [Test]
    public void Records_sent_before_the_window_is_set_but_due_inside_it_are_counted_as_measured()
    {
        // The phase takes the window's start at t=500 and sets it a moment later; the sender meanwhile sent records
        // up to t=520. Records 500..520 (1,000/s from t=0) are due inside the window and are measured: 21 of 521.
        var book = new LatencyBook(startTimestamp: 0, ratePerSecond: 1000, Frequency);
        Assert.That(OpenLoopProducer.Measured(book, sent: 521), Is.Zero, "nothing is measured before the window is set");

        book.MeasureFrom = 500;
        Assert.That(OpenLoopProducer.Measured(book, sent: 521), Is.EqualTo(21));
    }

    [Test]
    public void A_stalled_sender_shows_as_latency_from_the_intended_time_not_from_the_late_send()
    {
        // 1,000 records/s; the sender stalls 50 ms, then sends records 0..49 at once at t=50; each alert is read
        // 1 ms after that. Measured from the actual send, every record would look 1 ms fast (coordinated omission).
        var book = new LatencyBook(startTimestamp: 0, ratePerSecond: 1000, Frequency) { MeasureFrom = 0 };
        for (var i = 0; i < 50; i++)
            book.Scheduled(sequence: 1000 + i, book.IntendedTimestamp(i));

        var latencies = new LatencyRecorder();
        for (var i = 0; i < 50; i++)
        {
            Assert.That(book.Observe(1000 + i, observedTimestamp: 51, out var ms), Is.EqualTo(Observation.Measured));
            latencies.Record(ms);
        }

        Assert.That(latencies.Percentile(1), Is.EqualTo(51), "record 0 was due at t=0 and seen at t=51");
        Assert.That(latencies.Percentile(0.5), Is.EqualTo(26), "the 25th smallest of 2..51");
        Assert.That(latencies.Percentile(0.02), Is.EqualTo(2), "record 49 was due at t=49");
    }

    [Test]
    public void A_redelivered_record_keeps_its_first_intended_time()
    {
        var book = new LatencyBook(0, 1000, Frequency) { MeasureFrom = 0 };
        book.Scheduled(7, 3);
        book.Scheduled(7, 40);

        Assert.That(book.Observe(7, 43, out var ms), Is.EqualTo(Observation.Measured));
        Assert.That(ms, Is.EqualTo(40));
    }

    [Test]
    public void Outputs_of_records_the_run_did_not_send_are_not_booked()
    {
        var book = new LatencyBook(0, 1000, Frequency) { MeasureFrom = 0 };

        Assert.That(book.Observe(123, 50, out _), Is.EqualTo(Observation.Unknown));
    }

    [Test]
    public void Records_due_before_the_measured_window_are_warm_up_and_not_timed()
    {
        var book = new LatencyBook(0, 1000, Frequency);
        book.Scheduled(1, book.IntendedTimestamp(0));
        book.Scheduled(2, book.IntendedTimestamp(100));
        Assert.That(book.Observe(1, 5, out _), Is.EqualTo(Observation.WarmUp), "before the window is set, everything is warm-up");

        book.MeasureFrom = 100;

        Assert.That(book.Observe(1, 150, out _), Is.EqualTo(Observation.WarmUp), "due at 0, before the window");
        Assert.That(book.Observe(2, 150, out var ms), Is.EqualTo(Observation.Measured));
        Assert.That(ms, Is.EqualTo(50));
    }

    [TestCase("sim-42-000000000123", 123)]
    [TestCase("{\"recordId\":\"sim-7-000000004096\",\"type\":\"voice\"}", 4096)]
    public void Sequence_is_read_from_a_simulated_id_or_record(string text, long expected)
    {
        Assert.That(LatencyBook.TryParseSequence(Encoding.UTF8.GetBytes(text), out var sequence), Is.True);
        Assert.That(sequence, Is.EqualTo(expected));
    }

    [TestCase("carrier-000123")]
    [TestCase("sim-42-")]
    [TestCase("sim-42")]
    public void Ids_that_are_not_simulated_have_no_sequence(string text)
    {
        Assert.That(LatencyBook.TryParseSequence(Encoding.UTF8.GetBytes(text), out _), Is.False);
    }

    [Test]
    public void Thirds_of_the_window_follow_the_intended_time()
    {
        var book = new LatencyBook(0, 1000, Frequency) { MeasureFrom = 300, MeasureUntil = 600 };
        book.Scheduled(1, 250);
        book.Scheduled(2, 300);
        book.Scheduled(3, 450);
        book.Scheduled(4, 599);

        Assert.That(new[] { book.Third(1), book.Third(2), book.Third(3), book.Third(4), book.Third(99) }, Is.EqualTo(new[] { -1, 0, 1, 2, -1 }));
    }
}
