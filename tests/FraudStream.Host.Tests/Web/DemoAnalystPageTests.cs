using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FraudStream.Host.Tests.Web;

/// <summary><c>fraudstream demo</c> prints the analyst page's address, and the page's counters move while the traffic plays.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class DemoAnalystPageTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    [Test]
    public async Task Demo_prints_the_page_address_and_its_rates_count_events_while_traffic_plays()
    {
        using var demo = CliRunner.Start(
            new Dictionary<string, string?> { ["FRAUDSTREAM__Operations__Listen"] = "http://127.0.0.1:0" },
            "demo", "--duration", "30", "--rate", "2000", "--population", "2000", "--history", "0");
        var text = new StringBuilder();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Keep(string? line)
        {
            if (line is null)
                return;
            lock (text)
                text.AppendLine(line);
            if (AddressPattern().Match(line) is { Success: true } match)
                address.TrySetResult(new Uri(match.Groups[1].Value));
        }

        demo.OutputDataReceived += (_, e) => Keep(e.Data);
        demo.ErrorDataReceived += (_, e) => Keep(e.Data);
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        string Output()
        {
            lock (text)
                return text.ToString();
        }

        try
        {
            var printed = await Task.WhenAny(address.Task, demo.WaitForExitAsync(), Task.Delay(Generous));
            Assert.That(printed, Is.SameAs(address.Task), "the demo printed no \"Analyst's page: http://…\" line:\n" + Output());
            using var http = new HttpClient { BaseAddress = await address.Task, Timeout = TimeSpan.FromSeconds(60) };

            using var page = await http.GetAsync("");
            Assert.That(page.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));

            // The counters the chart draws, while the demo still plays its traffic.
            var clock = Stopwatch.StartNew();
            long events = 0;
            while (events == 0)
            {
                Assert.That(demo.HasExited, Is.False, "the demo ended before the page counted an event:\n" + Output());
                Assert.That(clock.Elapsed, Is.LessThan(Generous), "the page's rates counted no event:\n" + Output());
                using var rates = JsonDocument.Parse(await http.GetStringAsync("api/rates"));
                var samples = rates.RootElement.GetProperty("samples");
                if (samples.GetArrayLength() > 0 && samples[samples.GetArrayLength() - 1].GetProperty("totals").TryGetProperty("events.caller", out var scored))
                    events = scored.GetInt64();
                await Task.Delay(500);
            }

            Assert.That(events, Is.GreaterThan(0));
        }
        finally
        {
            if (!demo.WaitForExit(240_000))
                demo.Kill(entireProcessTree: true);
        }

        Assert.That(demo.ExitCode, Is.Zero, Output());
    }

    [GeneratedRegex(@"Analyst's page: (http://\S+/)")]
    private static partial Regex AddressPattern();
}
