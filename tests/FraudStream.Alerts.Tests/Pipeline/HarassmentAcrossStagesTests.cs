using System.Globalization;
using System.Text.Json;

namespace FraudStream.Alerts.Tests.Pipeline;

/// <summary>
/// Harassment is decided in two halves: the caller stage marks a call that pursues its callee (the pursuit field of
/// the record in its frame), the callee stage names caller and callee unless several callers are working that callee at once
/// (a bombing pool, whose every number also rings one person only). Two instances, 12 stalkers each ringing one
/// person, 12 pools of six numbers each taking turns at one person: every stalker is named by the callee stage, no
/// pool number is. The pools' first calls are played before the rest, so each pool victim has heard from all six
/// before any number reaches a harasser's count, whichever instance's partition arrives first.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HarassmentAcrossStagesTests
{
    private const int Cases = 12;
    private const int PoolSize = 6;

    private PipelineHarness _harness = null!;
    private RunningPipelines _instances = null!;
    private List<(string Number, string Role, string Counterpart, string SourceTopic)> _harassment = null!;

    [OneTimeSetUp]
    public async Task RunTwoInstancesOverStalkersAndPools()
    {
        _harness = new PipelineHarness(redis: false);
        _instances = new RunningPipelines(_harness);
        await _instances.StartAsync(_harness.Kafka, _harness.Alerts);
        await _instances.StartAsync(_harness.Kafka, _harness.Alerts);
        await RunningPipelines.WaitForAssignmentAsync(_instances.All, _ => PipelineHarness.Partitions / 2, TimeSpan.FromSeconds(60));

        var start = DateTimeOffset.UtcNow.AddHours(-3);
        const int first = 2 * PoolSize;
        await ProduceAsync(i => [.. Enumerable.Range(0, first).Select(k => Pool(i, k, start))]);
        await PipelineHarness.WaitCaughtUpAsync(_instances.All, Cases * first, TimeSpan.FromSeconds(60));
        await ProduceAsync(i =>
        [
            .. Enumerable.Range(first, 8 * PoolSize - first).Select(k => Pool(i, k, start)),
            .. Enumerable.Range(0, 10).Select(k => ($"stalk-{i}-{k}", Stalker(i), Victim(i), start.AddMinutes(k))),
        ]);
        await PipelineHarness.WaitCaughtUpAsync(_instances.All, Cases * ((8 * PoolSize) + 10), TimeSpan.FromSeconds(60));

        _harassment = [.. _harness.ReadAll(_harness.Alerts.Topic)
            .Select(r => JsonDocument.Parse(r.Message.Value).RootElement)
            .Where(a => a.GetProperty("kind").GetString() == "harassment")
            .Select(a => (a.GetProperty("number").GetString()!, a.GetProperty("role").GetString()!,
                a.GetProperty("counterparts")[0].GetString()!, a.GetProperty("source").GetProperty("topic").GetString()!))];
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_instances is not null)
            await _instances.DisposeAsync();
        _harness?.Dispose();
    }

    [Test]
    public void Every_stalker_is_named_a_harasser_of_its_victim_by_the_callee_stage()
    {
        var suspects = _harassment.Where(h => h.Role == "suspect").ToList();
        Assert.That(suspects.Select(h => h.Number).Distinct().Order(), Is.EqualTo(Enumerable.Range(0, Cases).Select(Stalker).Order()));
        Assert.That(suspects.All(h => h.Counterpart == Victim(Index(h.Number))), Is.True);
        Assert.That(suspects.All(h => h.SourceTopic == _harness.Alerts.CalleeTopic), Is.True, "named where the callee's state lives");
    }

    [Test]
    public void No_pool_number_is_named_a_harasser()
        => Assert.That(_harassment.Where(h => h.Number.StartsWith("+447700", StringComparison.Ordinal) || h.Counterpart.StartsWith("+447700", StringComparison.Ordinal)), Is.Empty);

    private static string Stalker(int i) => $"+86138000001{i:D2}";

    private static string Victim(int i) => $"+86138000002{i:D2}";

    private static string PoolVictim(int i) => $"+86138000003{i:D2}";

    private static string PoolNumber(int i, int k) => $"+447700{i:D2}{k:D2}00";

    // Six numbers take turns, one call every 30 s in all: each rings the pool's victim every three minutes.
    private static (string Id, string Caller, string Callee, DateTimeOffset At) Pool(int i, int k, DateTimeOffset start)
        => ($"pool-{i}-{k}", PoolNumber(i, k % PoolSize), PoolVictim(i), start.AddSeconds(30 * k));

    private static int Index(string stalker) => int.Parse(stalker.AsSpan(stalker.Length - 2), CultureInfo.InvariantCulture);

    // Unanswered voice calls, per case.
    private Task ProduceAsync(Func<int, (string Id, string Caller, string Callee, DateTimeOffset At)[]> calls)
        => HandBuiltCall.ProduceAsync(_harness.Kafka, _harness.Ingest.Topic,
            Enumerable.Range(0, Cases).SelectMany(calls).Select(static c => new HandBuiltCall(c.Id, c.Caller, c.Callee, c.At, 0, Answered: false)));
}
