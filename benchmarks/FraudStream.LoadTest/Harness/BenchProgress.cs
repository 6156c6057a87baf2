using System.Diagnostics;
using System.Globalization;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// Progress on stderr while a phase runs: a bar redrawn in place on a terminal; otherwise (redirected, a test's
/// writer) one plain line every few seconds, so a log stays readable. Thread-safe.
/// </summary>
internal sealed class BenchProgress(TextWriter error, bool terminal)
{
    private static readonly TimeSpan s_terminalEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_plainEvery = TimeSpan.FromSeconds(5);
    private const int BarWidth = 30;

    private readonly Lock _gate = new();
    private string _phase = "";
    private long _total;
    private long _phaseStart;
    private long _lastDrawn;
    private bool _barShown;

    public static BenchProgress For(TextWriter error)
        => new(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>Starts a phase of <paramref name="total"/> units (0: unknown), printing its name.</summary>
    public void Begin(string phase, long total)
    {
        lock (_gate)
        {
            EndBar();
            _phase = phase;
            _total = total;
            _phaseStart = Stopwatch.GetTimestamp();
            _lastDrawn = 0;
            error.WriteLine($"bench: {phase}");
        }
    }

    /// <summary>Reports <paramref name="done"/> units so far; drawn only as often as the output allows.</summary>
    public void Report(long done, string unit = "records")
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var every = terminal ? s_terminalEvery : s_plainEvery;
            if (_lastDrawn != 0 && Stopwatch.GetElapsedTime(_lastDrawn, now) < every)
                return;
            if (_lastDrawn == 0 && !terminal)
            {
                _lastDrawn = now;
                return;
            }

            _lastDrawn = now;
            var seconds = Stopwatch.GetElapsedTime(_phaseStart, now).TotalSeconds;
            var rate = seconds > 0 ? done / seconds : 0;
            var text = Line(_phase, done, _total, rate, seconds, unit, terminal ? BarWidth : 0);
            if (terminal)
            {
                error.Write("\r" + text + "\u001b[K");
                _barShown = true;
            }
            else
            {
                error.WriteLine("bench:   " + text);
            }
        }
    }

    /// <summary>Ends the current phase with one line of what it measured.</summary>
    public void Done(string summary)
    {
        lock (_gate)
        {
            EndBar();
            error.WriteLine("bench:   " + summary);
        }
    }

    /// <summary>"[#####.....]  40%  2,000,000/5,000,000 records  51,234/s  39 s" (no bar when <paramref name="barWidth"/> is 0).</summary>
    internal static string Line(string phase, long done, long total, double rate, double seconds, string unit, int barWidth)
    {
        var inv = CultureInfo.InvariantCulture;
        var counts = total > 0 ? string.Format(inv, "{0:N0}/{1:N0} {2}", done, total, unit) : string.Format(inv, "{0:N0} {1}", done, unit);
        var tail = string.Format(inv, "{0}  {1:N0}/s  {2:F0} s", counts, rate, seconds);
        if (total <= 0)
            return barWidth > 0 ? $"{phase}: {tail}" : tail;

        var fraction = Math.Clamp((double)done / total, 0, 1);
        var percent = string.Format(inv, "{0,3:F0}%", fraction * 100);
        if (barWidth == 0)
            return $"{percent}  {tail}";
        var filled = (int)Math.Round(fraction * barWidth);
        return $"[{new string('#', filled)}{new string('.', barWidth - filled)}] {percent}  {tail}";
    }

    private void EndBar()
    {
        if (!_barShown)
            return;
        error.Write("\r\u001b[K");
        _barShown = false;
    }
}
