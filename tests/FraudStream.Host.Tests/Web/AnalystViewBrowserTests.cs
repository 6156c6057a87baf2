using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using FraudStream.Alerts;
using FraudStream.Host.Tests.Operations;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;
using FraudStream.Tests.Shared;
using StackExchange.Redis;

namespace FraudStream.Host.Tests.Web;

/// <summary>
/// The analyst's page in a real browser (headless Chromium driven by playwright-core, analyst-view.browser.mjs) against
/// <c>fraudstream run</c> on an embedded Kafka and a private redis-server: the page loads, alerts arrive and filter,
/// an alert's explanation opens, a write without the token is refused and writes nothing, and a number the analyst
/// labels with the token has its next call blocked. Takes the screenshot the README shows (copied to docs/img/analyst-view.png with FRAUDSTREAM_UPDATE_SCREENSHOT=1).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AnalystViewBrowserTests
{
    private const string Token = "browser-test-token-0123456789";
    private const string Suspect = "+8613800138001";
    private const string Explained = "+8613600136004";
    private const string Target = "+8613900139002";
    private const string Refused = "+8613700137003";
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(4);
    private static readonly IngestOptions s_ingest = new();
    private static readonly AlertsOptions s_alerts = new();

    [Test]
    public async Task Analyst_sees_alerts_opens_one_and_labels_a_number_whose_next_call_is_blocked()
    {
        var root = RepositoryRoot();
        var node = ExternalTool.Require("node");
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
            Assert.Fail($"chromium is not installed ({chromium}): {ExternalTool.SetupHint} (it installs Debian's chromium)");
        if (!Directory.Exists(Path.Combine(root, "Host", "Web", "node_modules", "playwright-core")))
            Assert.Fail($"playwright-core is not installed in Host/Web/node_modules: {ExternalTool.SetupHint} (npm ci)");

        using var cluster = EmbeddedKafkaCluster.Start(1);
        foreach (var topic in new[] { s_ingest.Topic, s_alerts.CalleeTopic, s_alerts.Topic, s_alerts.DecisionTopic, s_ingest.DeadLetterTopic })
            cluster.CreateTopic(topic, 2);
        using var redisServer = PrivateRedisServer.Start();
        using var redis = RedisConnector.Connect(new RedisOptions { Configuration = redisServer.Configuration });
        var store = new LabelStore(redis);
        await store.AddAsync(new LabelRequest(Number(Suspect), LabelCategory.Fraud, LabelSource.Police, "case 1"), "test");

        using var run = CliRunner.Start(
            new Dictionary<string, string?> { ["FRAUDSTREAM__Operations__Listen"] = "http://127.0.0.1:0", ["FRAUDSTREAM__Operations__AnalystToken"] = Token },
            "run", "--bootstrap", cluster.BootstrapServers, "--redis", redisServer.Configuration, "--group", "browser");
        var output = new RunOutput(run);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        try
        {
            var address = await output.MetricsAddressAsync(Generous);
            await producer.ProduceAsync(s_ingest.Topic, Call(Suspect, "suspect-1"));
            await producer.ProduceAsync(s_alerts.Topic, new Message<string, string> { Key = Explained, Value = ExplainedAlert() });

            // Into the test's own directory; the README's copy in docs/img is refreshed only when asked
            // (FRAUDSTREAM_UPDATE_SCREENSHOT=1), so a test run leaves the checkout as it found it.
            var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "analyst-view.png");
            File.Delete(screenshot);
            var clock = Stopwatch.StartNew();
            var (exit, log, blocked, callsAfterLabel) = await BrowseAsync(node, Path.Combine(root, "tests", "FraudStream.Host.Tests", "Web", "analyst-view.browser.mjs"), address, screenshot, producer);
            TestContext.Out.WriteLine($"browser script: {clock.Elapsed.TotalSeconds:F1} s\n{log}");

            Assert.That(exit, Is.Zero, $"the browser script failed:\n{log}\nfraudstream run:\n{output.Text}");
            Assert.That(log, Does.Contain("\nok"));
            Assert.That(blocked, Is.Not.Null.And.StartsWith("target-"), log);
            var blockedCall = int.Parse(blocked!["target-".Length..], CultureInfo.InvariantCulture);
            Assert.That(blockedCall, Is.LessThanOrEqualTo(5), $"the label took effect only at the call {blockedCall} after it (one per second); {callsAfterLabel} were sent");

            var label = await store.GetAsync(Number(Target));
            Assert.That(label, Is.Not.Null, "the analyst's label is in Redis");
            Assert.That((label!.Category, label.Source, label.Action, label.Reason, label.Actor), Is.EqualTo((LabelCategory.Fraud, LabelSource.Police, LabelAction.Block, "case web-22", "web:analyst")));
            Assert.That(await store.GetAsync(Number(Refused)), Is.Null, "the write without the token wrote nothing");
            Assert.That(await store.AuditAsync(Number(Refused)), Is.Empty);
            Assert.That(File.Exists(screenshot), Is.True);
            if (Environment.GetEnvironmentVariable("FRAUDSTREAM_UPDATE_SCREENSHOT") == "1")
                File.Copy(screenshot, Path.Combine(root, "docs", "img", "analyst-view.png"), overwrite: true);
            Assert.That(output.Text, Does.Not.Contain(Token), "the token is never logged");
        }
        finally
        {
            if (!run.HasExited)
                ExternalTool.Terminate(run);
            if (!run.WaitForExit(60_000))
            {
                run.Kill(entireProcessTree: true);
                await run.WaitForExitAsync();
            }
        }
    }

    // Runs the browser script; once it says it labelled the target, sends a call from the target every second
    // until it exits. Returns its exit code and output, the record id it saw blocked, and how many calls were sent.
    private static async Task<(int Exit, string Log, string? Blocked, int Calls)> BrowseAsync(string node, string script, Uri address, string screenshot, IProducer<string, string> producer)
    {
        var info = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.Environment["BASE_URL"] = address.ToString().TrimEnd('/');
        info.Environment["TOKEN"] = Token;
        info.Environment["SUSPECT"] = Suspect;
        info.Environment["EXPLAINED"] = Explained;
        info.Environment["TARGET"] = Target;
        info.Environment["REFUSED"] = Refused;
        info.Environment["SCREENSHOT"] = screenshot;
        using var browser = Process.Start(info)!;
        var log = new StringBuilder();
        string? blocked = null;
        var labelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        browser.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
            if (e.Data.StartsWith("labelled ", StringComparison.Ordinal))
                labelled.TrySetResult();
            if (e.Data.StartsWith("blocked ", StringComparison.Ordinal))
                blocked = e.Data["blocked ".Length..];
        };
        browser.ErrorDataReceived += (_, e) =>
        {
            lock (log)
                log.AppendLine(e.Data);
        };
        browser.BeginOutputReadLine();
        browser.BeginErrorReadLine();

        var calls = 0;
        using var deadline = new CancellationTokenSource(Generous);
        var exited = browser.WaitForExitAsync(deadline.Token);
        try
        {
            await Task.WhenAny(labelled.Task, exited).WaitAsync(deadline.Token);
            while (labelled.Task.IsCompleted && !exited.IsCompleted)
            {
                await producer.ProduceAsync(s_ingest.Topic, Call(Target, "target-" + (++calls).ToString(CultureInfo.InvariantCulture)));
                await Task.WhenAny(exited, Task.Delay(1000));
            }

            await exited;
        }
        catch (OperationCanceledException)
        {
            browser.Kill(entireProcessTree: true);
            Assert.Fail($"the browser script did not finish within {Generous.TotalMinutes} min:\n{log}");
        }

        browser.WaitForExit();
        lock (log)
            return (browser.ExitCode, "\n" + log, blocked, calls);
    }

    private static Message<string, string> Call(string caller, string recordId) => new()
    {
        Key = caller,
        Value = $$"""{"recordId":"{{recordId}}","type":"voice","caller":"{{caller}}","callee":"+8613512345678","startTime":"{{DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}","ringSec":5,"durationSec":40,"answered":true}""",
    };

    // An ml_fraud alert v1 as the pipeline writes one (docs/contracts/alert-v1.md), put on the alert topic directly:
    // the page reads the topic, whoever wrote to it.
    private static string ExplainedAlert()
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return $$"""{"alertId":"0123456789abcdef0123456789abcdef","time":"{{now}}","eventTime":"{{now}}","kind":"ml_fraud","role":"suspect","number":"{{Explained}}","counterparts":["+8613512345679"],"action":"warn","severity":"medium","score":0.991,"reasons":[{"code":"model_score","detail":"model score 0.991, threshold 0.98"}],"explanation":[{"feature":"night_share_1h","contribution":2.5},{"feature":"calls_15m","contribution":1.25},{"feature":"first_contact","contribution":-0.5}],"recordId":"explained-1","source":{"topic":"telco.cdr.v1","partition":0,"offset":4242},"modelVersion":"98878de84484","degraded":false,"suppressedCount":0}""";
    }

    private static ulong Number(string e164) => ulong.Parse(e164.AsSpan(1), CultureInfo.InvariantCulture);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("FraudStream.sln not found above " + AppContext.BaseDirectory);
    }
}
