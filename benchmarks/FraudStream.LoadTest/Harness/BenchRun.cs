using System.Diagnostics;
using System.Text.Json;
using FraudStream.Alerts.Pipeline;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;
using FraudStream.Simulator;
using Microsoft.Extensions.Logging;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// One <c>fraudstream bench</c> run: set up Kafka and a private Redis, pre-load, then phases B, C, A, E, D; report.
/// The results go to <paramref name="output"/> (Markdown), progress and problems to <paramref name="error"/>.
/// </summary>
/// <param name="output">Where the results are printed.</param>
/// <param name="error">Where progress and the one-line reason of a failed run are written.</param>
/// <param name="settings">What to run, from the command's options.</param>
/// <param name="options">The pipeline's configuration, as <c>fraudstream run</c> would read it.</param>
/// <param name="loggers">The pipeline's loggers.</param>
public sealed class BenchRun(TextWriter output, TextWriter error, BenchSettings settings, ServiceOptions options, ILoggerFactory loggers)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly BenchProgress _progress = BenchProgress.For(error);

    /// <summary>Measures, prints and appends the results; false when a phase could not measure (the reason written to the error writer).</summary>
    /// <exception cref="FileNotFoundException">The results are to be appended but gnuplot, which draws the plot, is missing.</exception>
    public async Task<bool> RunAsync(CancellationToken stopping)
    {
        // Everything a full run needs at its end is checked before the minutes of measuring.
        if (settings.AppendsResults && ScalingPlot.Find() is null)
            throw new FileNotFoundException(ScalingPlot.InstallHint, "gnuplot");

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadAtStart = MachineInfo.LoadAverage();
        var machine = MachineInfo.Describe();
        error.WriteLine($"bench: {machine.Describe(markdown: false)}; commit {machine.Commit}; load average {loadAtStart}");
        try
        {
            var report = await MeasureAsync(started, clock, loadAtStart, machine, stopping).ConfigureAwait(false);
            await PublishAsync(report).ConfigureAwait(false);
            return true;
        }
        catch (BenchFailedException e)
        {
            await error.WriteLineAsync("fraudstream bench: " + e.Message).ConfigureAwait(false);
            return false;
        }
    }

    private async Task<BenchReport> MeasureAsync(DateTimeOffset started, Stopwatch clock, string loadAtStart, MachineInfo machine, CancellationToken stopping)
    {
        var runId = $"{started:yyyyMMddHHmmss}-{Environment.ProcessId}";
        using var kafka = await BenchKafka.StartAsync(settings, options.Kafka, options.Ingest, options.Alerts, runId).ConfigureAwait(false);
        error.WriteLine($"bench: Kafka {kafka.Description}, {kafka.Partitions} partitions");
        using var redisServer = PrivateRedisServer.Start();
        var runtimeOptions = options.Runtime;
        runtimeOptions.Redis.Configuration = redisServer.Configuration;

        var simulator = new TrafficSimulator(new SimulationOptions
        {
            Seed = (ulong)settings.Seed,
            Duplicates = 0.02,
            Malformed = 0.002,
            ExpectedRecords = settings.Count * 11 / 10,
        });
        var preload = await OwnThread(() => Preloader.Run(kafka, simulator, settings.Count, _progress, stopping)).ConfigureAwait(false);

        _progress.Begin($"labels: {settings.PipelineLabels:N0} filler labels and half the known fraud numbers into a private redis-server; the replica loads them", 0);
        await LabelFiller.FillAsync(redisServer.Configuration, runtimeOptions.Blocklist.KeyPrefix, 0, settings.PipelineLabels, stopping).ConfigureAwait(false);
        await using var runtime = await ScoringRuntime.StartAsync(runtimeOptions, loggers, stopping).ConfigureAwait(false);
        var known = await KnownFraud.LabelAsync(new LabelStore(runtime.Redis!, runtimeOptions.Blocklist), simulator.Truth, stopping).ConfigureAwait(false);
        await runtime.Replica!.ResyncAsync(stopping).ConfigureAwait(false);
        _progress.Done($"{runtime.Replica.LabelCount:N0} labels in the replica ({known:N0} of them known fraud numbers); model {runtime.Services.Model?.Version ?? "none"}");

        PipelineResult pipelineResult;
        IReadOnlyList<AllocatedType>? allocations;
        await using (var pipeline = new PipelineUnderTest(kafka, runtime, loggers))
        {
            _progress.Begin($"B. pipeline, closed loop: both stages drain the same {settings.Count:N0} records (fresh groups)", settings.Count);
            using var sampler = settings.Allocations ? new AllocationSampler() : null;
            var usage = await pipeline.DrainAsync(settings.Count, _progress, () => WhyStalled(kafka), stopping).ConfigureAwait(false);
            sampler?.Stop();
            allocations = sampler?.Top(12, settings.Count);
            var p = pipeline.Pipeline;
            pipelineResult = new PipelineResult(usage, RatioToRaw: double.NaN, p.CallerIngest.Records, p.CallerIngest.Events,
                p.CallerIngest.DeadLettered, p.CallerIngest.Duplicates, p.CalleeIngest.Records - p.Statistics.OwnCallsCopied, p.Statistics.TotalAlerts, p.Statistics.AutoLabelsRequested,
                p.CallerIngest.Pauses + p.CalleeIngest.Pauses);
            foreach (var a in allocations ?? [])
                _progress.Done($"allocated in phase B: {a.BytesPerEvent,7:F0} B per record {a.Share,6:P1}  {a.Type}");
            _progress.Done($"re-keyed in {p.Statistics.FramesSent:N0} frames, {(p.CallerIngest.Events + p.Statistics.OwnCallsCopied) / (double)Math.Max(1, p.Statistics.FramesSent):F1} records per frame");
            _progress.Done($"pipeline: {usage.EventsPerSecond:N0} records/s, {usage.CpuMicrosPerEvent:F2} CPU-µs per record ({usage.OwnCpuMicrosPerEvent:F2} FraudStream's own, {usage.BrokerCpuMicrosPerEvent:F2} the embedded brokers'), {usage.AllocatedBytesPerEvent:F0} B allocated per record");
        }

        var latency = new List<LatencyResult>();
        IEnumerable<int> rates = settings.Rate is { } fixedRate
            ? [fixedRate]
            : settings.LatencyFractions.Select(f => (int)Math.Max(100, Math.Round(pipelineResult.Usage.EventsPerSecond * f / 100) * 100));
        foreach (var rate in rates)
            latency.Add(await LatencyPhase.RunAsync(kafka, runtime, loggers, simulator, rate, settings.LatencySeconds, _progress, stopping).ConfigureAwait(false));

        // The ceiling last: its consumer fetches far ahead (RawDrain), and phase B measured after it ran slower
        // (57,000-57,800 against 68,300 records/s, 5M CDRs), which no measurement of the pipeline should inherit.
        var raw = await OwnThread(() => RawDrain.Run(kafka, settings.Count, _progress, stopping)).ConfigureAwait(false);
        pipelineResult = pipelineResult with { RatioToRaw = pipelineResult.Usage.EventsPerSecond / raw.EventsPerSecond };
        _progress.Done($"pipeline / raw: {pipelineResult.RatioToRaw:F2}");

        // Kafka is not needed any more; its memory and threads would only blur the in-process phases.
        kafka.Dispose();

        var events = BaselineEvents(settings, options.Ingest.HomeCountryCode);
        var baselines = await BaselinePhase.RunAsync(runtime.Services, new LabelStore(runtime.Redis!, runtimeOptions.Blocklist), events, settings.BaselineEvents, _progress, stopping).ConfigureAwait(false);
        var scaling = await ScalingPhase.RunAsync(settings, runtime.Redis!, redisServer.Configuration, runtime.Thresholds, runtime.Services.Model, runtimeOptions.Features, _progress, stopping).ConfigureAwait(false);

        return new BenchReport
        {
            Command = settings.CommandLine,
            Commit = machine.Commit,
            Started = started,
            TotalSeconds = clock.Elapsed.TotalSeconds,
            Machine = machine,
            LoadAverageAtStart = loadAtStart,
            LoadAverageAtEnd = MachineInfo.LoadAverage(),
            Quick = settings.Quick,
            Broker = kafka.Description,
            Partitions = kafka.Partitions,
            Preload = preload,
            Raw = raw,
            Pipeline = pipelineResult,
            Allocations = allocations,
            Latency = latency,
            Baselines = baselines,
            Scaling = scaling,
        };
    }

    private async Task PublishAsync(BenchReport report)
    {
        var resultsPath = settings.ResultsPath ?? (settings.HistoryDirectory is { } history ? RunHistory.Prepare(history, report.Started) : null);
        if (resultsPath is { } results)
        {
            var png = $"bench-scaling-{report.Started:yyyyMMdd-HHmm}.png";
            ScalingPlot.Draw(report.Scaling, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(results))!, png));
            report = report with { Plot = png };
        }

        var markdown = ResultsMarkdown.Render(report);
        await output.WriteAsync(markdown).ConfigureAwait(false);
        if (settings.JsonPath is { } json)
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, s_json)).ConfigureAwait(false);
        if (resultsPath is { } path)
        {
            await File.AppendAllTextAsync(path, "\n" + markdown).ConfigureAwait(false);
            await error.WriteLineAsync($"bench: appended to {path}" + (report.Plot is null ? "" : $", plot {report.Plot} beside it")).ConfigureAwait(false);
        }
    }

    // A long synchronous phase runs on a thread of its own: on two cores the thread pool has two threads, and
    // blocking one starves the Redis client's completions (the replica's resync then times out and degrades).
    internal static Task<T> OwnThread<T>(Func<T> phase)
        => Task.Factory.StartNew(phase, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // Simulated CDRs of another seed, decoded as the pipeline decodes them.
    private static CallEvent[] BaselineEvents(BenchSettings settings, ushort homeCountry)
    {
        var count = settings.Quick ? 50_000 : 500_000;
        var simulator = new TrafficSimulator(new SimulationOptions { Seed = (ulong)settings.Seed + 1, ExpectedRecords = count });
        var decoder = new CdrDecoder(homeCountry);
        var events = new List<CallEvent>(count);
        while (events.Count < count)
        {
            simulator.Next();
            if (decoder.Decode(simulator.Record, long.MaxValue / 2, out var e).IsOk)
                events.Add(e);
        }

        return [.. events];
    }

    private static string WhyStalled(BenchKafka kafka)
    {
        var dropped = kafka.Watermarks(kafka.Alerts.CalleeTopic, kafka.Partitions).Sum(w => w.Low.Value);
        return dropped > 0
            ? $"the broker dropped {dropped:N0} re-keyed records from the start of {kafka.Alerts.CalleeTopic} before the callee stage read them" + (kafka.Embedded ? " (the embedded broker keeps 5 MiB per partition): give more --partitions" : "")
            : "nothing was dropped by the broker; see the log above";
    }
}
