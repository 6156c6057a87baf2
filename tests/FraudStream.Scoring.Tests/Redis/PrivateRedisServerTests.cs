using FraudStream.Scoring.Redis;
using StackExchange.Redis;

namespace FraudStream.Scoring.Tests.Redis;

/// <summary>A real redis-server, started privately on a free port, through StackExchange.Redis.</summary>
[TestFixture]
public sealed class PrivateRedisServerTests
{
    private PrivateRedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = PrivateRedisServer.Start();
        _redis = RedisConnector.Connect(new RedisOptions { Configuration = _server.Configuration });
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _redis.Dispose();
        _server.Dispose();
    }

    [Test]
    public void Set_then_get_returns_the_value()
    {
        var db = _redis.GetDatabase();

        db.StringSet("label:+8613800000001", "fraud|police|reported by victims");

        Assert.That((string?)db.StringGet("label:+8613800000001"), Is.EqualTo("fraud|police|reported by victims"));
    }

    [Test]
    public async Task Pipelined_batch_of_writes_and_reads_round_trips_every_key()
    {
        const int count = 5000;
        var db = _redis.GetDatabase();

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => db.StringSetAsync("batch:" + i, i)));
        var values = await Task.WhenAll(Enumerable.Range(0, count).Select(i => db.StringGetAsync("batch:" + i)));

        Assert.That(values.Select(v => (int)v), Is.EqualTo(Enumerable.Range(0, count)));
    }

    [Test]
    public async Task Published_change_notice_reaches_the_subscriber()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = _redis.GetSubscriber();
        var channel = new RedisChannel("fraudstream:labels:changed", RedisChannel.PatternMode.Literal);
        await subscriber.SubscribeAsync(channel, (_, message) => received.TrySetResult(message!));

        var receivers = await subscriber.PublishAsync(channel, "+8613800000002");

        Assert.That(receivers, Is.EqualTo(1));
        Assert.That(await received.Task.WaitAsync(TimeSpan.FromSeconds(5)), Is.EqualTo("+8613800000002"));
    }

    [Test]
    public void Two_servers_get_different_ports_and_do_not_share_data()
    {
        using var other = PrivateRedisServer.Start();
        using var otherRedis = RedisConnector.Connect(new RedisOptions { Configuration = other.Configuration });
        _redis.GetDatabase().StringSet("isolated", "here");

        Assert.That(other.Port, Is.Not.EqualTo(_server.Port));
        Assert.That(otherRedis.GetDatabase().KeyExists("isolated"), Is.False);
    }

    [Test]
    public void Dispose_stops_the_server()
    {
        var server = PrivateRedisServer.Start();
        var port = server.Port;
        server.Dispose();

        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        Assert.That(() => socket.Connect(System.Net.IPAddress.Loopback, port), Throws.InstanceOf<System.Net.Sockets.SocketException>());
    }
}
