using System.Globalization;
using System.Text.Json;
using FraudStream.Alerts.Pipeline;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// victim_warning needs to know whom a subscriber has called: a relative abroad the subscriber called is no
/// stranger. That call is scored in the caller stage's partition of the subscriber, the relative's call back in
/// the callee stage's partition of the subscriber, and in a consumer group of two the two partitions often
/// belong to different instances. The caller stage therefore sends each call abroad, keyed by the caller, to
/// the subscriber's callee-stage partition too. Two instances, 24 subscribers: none is warned about the
/// relative it called, each is warned about a stranger's long call.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class VictimWarningScaleOutTests
{
    private const int Subscribers = 24;

    private PipelineHarness _harness = null!;
    private RunningPipelines _instances = null!;
    private List<(string Number, string Counterpart)> _warned = null!;

    [OneTimeSetUp]
    public async Task RunTwoInstancesOverCallsAbroadAndCallsBack()
    {
        _harness = new PipelineHarness(redis: false);
        _instances = new RunningPipelines(_harness);
        await _instances.StartAsync(_harness.Kafka, _harness.Alerts);
        await _instances.StartAsync(_harness.Kafka, _harness.Alerts);
        await RunningPipelines.WaitForAssignmentAsync(_instances.All, _ => PipelineHarness.Partitions / 2, TimeSpan.FromSeconds(60));
        // Live, as a carrier's traffic arrives: the calls abroad are scored an hour before the calls back. (Two
        // instances align nothing between them; a backlog replayed by both at once could order them either way.)
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        await ProduceAsync(i => [($"out-{i}", Subscriber(i), Relative(i), start.AddMinutes(i), 300)]);
        await PipelineHarness.WaitCaughtUpAsync(_instances.All, Subscribers, TimeSpan.FromSeconds(60));
        await ProduceAsync(i =>
        [
            ($"back-{i}", Relative(i), Subscriber(i), start.AddMinutes(i).AddHours(1), 1500),
            ($"stranger-{i}", Stranger(i), Subscriber(i), start.AddMinutes(i).AddHours(2), 1500),
        ]);
        await PipelineHarness.WaitCaughtUpAsync(_instances.All, 3 * Subscribers, TimeSpan.FromSeconds(60));

        _warned = [.. _harness.ReadAll(_harness.Alerts.Topic)
            .Select(r => JsonDocument.Parse(r.Message.Value).RootElement)
            .Where(a => a.GetProperty("kind").GetString() == "victim_warning")
            .Select(a => (a.GetProperty("number").GetString()!, a.GetProperty("counterparts")[0].GetString()!))];
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_instances is not null)
            await _instances.DisposeAsync();
        _harness?.Dispose();
    }

    [Test]
    public void No_subscriber_is_warned_about_the_relative_it_called()
        => Assert.That(_warned.Where(w => w.Counterpart == Relative(Index(w.Number))), Is.Empty);

    [Test]
    public void Every_subscriber_is_warned_about_the_strangers_long_call()
        => Assert.That(_warned.Where(w => w.Counterpart == Stranger(Index(w.Number))).Select(w => w.Number).Order(),
            Is.EqualTo(Enumerable.Range(0, Subscribers).Select(Subscriber).Order()));

    [Test]
    public void The_copies_of_the_calls_reached_the_callee_stage_and_were_not_scored()
    {
        // Every event is its pair's first: the calls abroad, the relatives' calls back, the strangers' calls.
        Assert.That(_instances.All.Sum(p => p.Statistics.OwnCallsCopied), Is.EqualTo(3 * Subscribers));
        Assert.That(_instances.All.Sum(p => p.Statistics.CalleeEvents), Is.EqualTo(3 * Subscribers), "events scored on the callee side: the copies are not among them");
    }

    private static string Subscriber(int i) => $"+86138000000{i:D2}";

    private static string Relative(int i) => $"+4477009000{i:D2}";

    private static string Stranger(int i) => $"+4477009100{i:D2}";

    private static int Index(string subscriber) => int.Parse(subscriber.AsSpan(subscriber.Length - 2), CultureInfo.InvariantCulture);

    // Voice calls, answered: (recordId, caller, callee, start, seconds) per subscriber.
    private Task ProduceAsync(Func<int, (string Id, string Caller, string Callee, DateTimeOffset At, int Seconds)[]> calls)
        => HandBuiltCall.ProduceAsync(_harness.Kafka, _harness.Ingest.Topic,
            Enumerable.Range(0, Subscribers).SelectMany(calls).Select(static c => new HandBuiltCall(c.Id, c.Caller, c.Callee, c.At, c.Seconds, Answered: true)));
}
