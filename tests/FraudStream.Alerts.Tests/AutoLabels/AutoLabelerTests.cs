using System.Diagnostics;
using FraudStream.Alerts.AutoLabels;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Redis;

namespace FraudStream.Alerts.Tests.AutoLabels;

/// <summary>The closed loop's writer against a real redis-server that stops answering (CLIENT PAUSE).</summary>
[TestFixture]
public sealed class AutoLabelerTests
{
    private const ulong FirstSuspect = 8613800000100;

    [Test]
    public async Task Dispose_with_redis_not_answering_drops_the_queue_after_the_drain_time_instead_of_a_timeout_per_label()
    {
        using var server = PrivateRedisServer.Start();
        using var connection = RedisConnector.Connect(new RedisOptions { Configuration = server.Configuration });
        var options = new BlocklistOptions { KeyPrefix = "auto:", OperationTimeout = TimeSpan.FromSeconds(1) };
        var labeler = new AutoLabeler(new LabelStore(connection, options), null, new AutoLabelOptions()) { ShutdownDrain = TimeSpan.FromSeconds(2) };
        Assert.That(labeler.Request(FirstSuspect, FraudKind.Wangiri, "auto: first"), Is.True);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (labeler.Written == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.That(labeler.Written, Is.EqualTo(1), "writes work while Redis answers");

        server.Pause(TimeSpan.FromSeconds(20));
        for (var i = 1; i <= 20; i++)
            Assert.That(labeler.Request(FirstSuspect + (ulong)i, FraudKind.Wangiri, "auto: queued"), Is.True);
        var clock = Stopwatch.StartNew();
        await labeler.DisposeAsync();

        // One write in flight may still run out its 1 s timeout after the 2 s drain; 20 timeouts would take 20 s.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "shutdown is bounded by the drain time");
        Assert.That(labeler.Written + labeler.Failed + labeler.Dropped, Is.EqualTo(21), "every request accounted for");
        Assert.That(labeler.Dropped, Is.GreaterThan(0), "what could not be written in time is dropped, counted");
        server.Kill(); // before the connection's dispose, which would otherwise wait on the paused server
    }
}
