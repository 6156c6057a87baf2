using System.Diagnostics;
using FraudStream.Scoring.Redis;

namespace FraudStream.Scoring.Tests.Redis;

/// <summary>
/// A real redis-server started with <c>requirepass</c>: the right password (in <c>Redis:Password</c> or in the
/// configuration string) connects, and a wrong or missing one is explained in words that never repeat it.
/// </summary>
[TestFixture]
public sealed class RedisPasswordTests
{
    private const string Password = "redis-Pa55-7e51c2d9";
    private const string Wrong = "wrong-Pa55-0aa1f3";
    private PrivateRedisServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = PrivateRedisServer.Start(password: Password);

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public void Password_option_connects_and_commands_work()
    {
        using var redis = RedisConnector.Connect(new RedisOptions { Configuration = _server.Configuration, Password = Password });

        Assert.That(redis.IsConnected, Is.True);
        redis.GetDatabase().StringSet("k", "v");
        Assert.That((string?)redis.GetDatabase().StringGet("k"), Is.EqualTo("v"));
    }

    [Test]
    public void Password_in_the_configuration_string_connects_too()
    {
        using var redis = RedisConnector.Connect(new RedisOptions { Configuration = $"{_server.Configuration},password={Password}" });

        Assert.That(redis.IsConnected, Is.True);
    }

    [Test]
    public void Password_option_wins_over_the_configuration_string()
    {
        using var redis = RedisConnector.Connect(new RedisOptions { Configuration = $"{_server.Configuration},password={Wrong}", Password = Password });

        Assert.That(redis.IsConnected, Is.True);
    }

    [Test]
    public async Task A_wrong_password_does_not_connect_and_the_probe_says_it_was_refused_without_repeating_it()
    {
        var options = new RedisOptions { Configuration = _server.Configuration, Password = Wrong, ConnectTimeoutMs = 500 };
        var clock = Stopwatch.StartNew();
        using var redis = RedisConnector.Connect(options);

        var why = await RedisProbe.WhyUnavailableAsync(options);

        Assert.That(redis.IsConnected, Is.False);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(why, Is.EqualTo("Redis refused the password given in " + RedisProbe.PasswordKeys));
        Assert.That(why, Does.Not.Contain(Wrong));
    }

    [Test]
    public async Task No_password_is_explained_as_one_being_required()
    {
        var why = await RedisProbe.WhyUnavailableAsync(new RedisOptions { Configuration = _server.Configuration, ConnectTimeoutMs = 500 });

        Assert.That(why, Is.EqualTo("Redis requires a password: set " + RedisProbe.PasswordKeys));
    }

    [Test]
    public async Task A_password_for_a_server_without_one_is_explained()
    {
        using var open = PrivateRedisServer.Start();

        var why = await RedisProbe.WhyUnavailableAsync(new RedisOptions { Configuration = open.Configuration, Password = Wrong, ConnectTimeoutMs = 500 });

        Assert.That(why, Does.StartWith("Redis has no password set but one was given"));
    }

    [Test]
    public async Task A_closed_port_is_explained_by_the_socket_error()
    {
        var why = await RedisProbe.WhyUnavailableAsync(new RedisOptions { Configuration = "127.0.0.1:1", Password = Wrong, ConnectTimeoutMs = 500 });

        Assert.That(why, Does.Contain("refused"));
    }

    [Test]
    public void Describe_and_ToString_name_the_endpoints_but_never_the_password()
    {
        var options = new RedisOptions { Configuration = $"redis1:6380,redis2:6380,ssl=true,password={Wrong}", Password = Password };

        Assert.That(options.Describe(), Is.EqualTo("redis1:6380,redis2:6380 (TLS)"));
        Assert.That(options.ToString(), Does.Contain("redis1:6380").And.Contain("Password = ***"));
        Assert.That(options.ToString() + options.Describe(), Does.Not.Contain(Password).And.Not.Contain(Wrong));
        Assert.That(new RedisOptions { Configuration = "127.0.0.1:6379" }.ToString(), Does.Contain("Password = ,"));
    }
}
