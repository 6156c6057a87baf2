using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FraudStream.LoadTest.Harness;

/// <summary>Draws the scaling rows as a PNG with gnuplot (Debian's gnuplot-nox): events/s and bytes per tracked number.</summary>
internal static class ScalingPlot
{
    public const string InstallHint = "gnuplot is not installed: run deploy/setup.sh (it installs Debian's gnuplot-nox), or pass --no-results to skip the results file and its plot";

    /// <summary>The gnuplot executable on PATH, or null.</summary>
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "gnuplot");
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    public static void Draw(IReadOnlyList<ScalingRow> rows, string pngPath)
    {
        var gnuplot = Find() ?? throw new FileNotFoundException(InstallHint, "gnuplot");
        var sweep = rows.GroupBy(r => r.Labels).MaxBy(g => g.Count())!.OrderBy(r => r.Tracked).ToList();
        var labelSweep = rows.GroupBy(r => r.Tracked).MaxBy(g => g.Count())!.OrderBy(r => r.Labels).ToList();
        var inv = CultureInfo.InvariantCulture;
        var data = Path.Combine(Path.GetTempPath(), $"fraudstream-bench-{Environment.ProcessId}.dat");
        var text = new StringBuilder();
        foreach (var r in sweep)
            text.Append(inv, $"{r.Tracked} {r.EventsPerSecond / 1e6:F4} {r.HeapBytesPerNumber:F1}\n");
        text.Append("\n\n");
        foreach (var r in labelSweep)
            text.Append(inv, $"{r.Labels} {r.EventsPerSecond / 1e6:F4} {r.LabelBytesPerLabel:F1}\n");
        File.WriteAllText(data, text.ToString());

        // Room above the 200-byte goal line, so it does not sit on the frame.
        var bytesTop = Math.Max(250, (int)(sweep.Max(r => r.HeapBytesPerNumber) * 1.25));
        var script = $$"""
            set terminal pngcairo size 1000,420 font ",10"
            set output '{{pngPath}}'
            set multiplot layout 1,2 title "fraudstream bench: scoring core (one partition, model on)"
            set logscale x
            set format x "10^{%L}"
            set grid
            set key bottom left
            set xlabel "tracked numbers ({{sweep[0].Labels:N0}} labels)"
            set ylabel "million events/s"
            set y2label "heap growth per tracked number (bytes)"
            set yrange [0:*]
            set y2range [0:{{bytesTop}}]
            set ytics nomirror
            set y2tics
            plot '{{data}}' index 0 using 1:2 with linespoints lw 2 pt 7 title "events/s", '' index 0 using 1:3 axes x1y2 with linespoints lw 2 pt 5 title "B per number", 200 axes x1y2 with lines dt 2 title "200 B goal"
            set xlabel "labels in the replica ({{labelSweep[0].Tracked:N0}} tracked numbers)"
            set y2label "replica bytes per label"
            set y2range [0:*]
            plot '{{data}}' index 1 using 1:2 with linespoints lw 2 pt 7 title "events/s", '' index 1 using 1:3 axes x1y2 with linespoints lw 2 pt 5 title "B per label"
            unset multiplot
            """;
        var info = new ProcessStartInfo(gnuplot) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new FileNotFoundException(InstallHint, "gnuplot");
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        File.Delete(data);
        if (process.ExitCode != 0 || !File.Exists(pngPath))
            throw new BenchFailedException($"gnuplot could not draw {pngPath}: {error.Trim()}");
    }
}
