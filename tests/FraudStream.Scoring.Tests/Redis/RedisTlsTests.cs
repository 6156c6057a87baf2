using FraudStream.Scoring.Redis;
using FraudStream.Tests.Shared;

namespace FraudStream.Scoring.Tests.Redis;

/// <summary>
/// A real redis-server that speaks TLS only, with a certificate from a private CA: <c>ssl=true</c> in the
/// configuration string and <c>Redis:SslCaLocation</c> connect; an untrusted certificate, a wrong host name and a
/// plain client are refused and explained.
/// </summary>
[TestFixture]
public sealed class RedisTlsTests
{
    private const string Password = "tls-redis-Pa55-44e1";
    private TestCertificates _certificates = null!;
    private TlsRedisServer _server = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _certificates = TestCertificates.Create("unused-key-password");
        _server = TlsRedisServer.Start(_certificates, Password);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _server.Dispose();
        _certificates.Dispose();
    }

    [TestCase("127.0.0.1:{0},ssl=true")]
    [TestCase("127.0.0.1:{0},ssl=true,sslHost=localhost")]
    public void Tls_with_the_private_ca_and_the_password_connects_and_commands_work(string configuration)
    {
        var options = Options(configuration, _certificates.CaPath);
        Assert.That(options.Validate(), Is.Null);

        using var redis = RedisConnector.Connect(options);

        Assert.That(redis.IsConnected, Is.True);
        redis.GetDatabase().StringSet("tls", "yes");
        Assert.That((string?)redis.GetDatabase().StringGet("tls"), Is.EqualTo("yes"));
    }

    [Test]
    public async Task A_certificate_not_signed_by_a_trusted_ca_is_refused_and_explained()
    {
        var options = Options("127.0.0.1:{0},ssl=true", caFile: "");
        using var redis = RedisConnector.Connect(options);

        Assert.That(redis.IsConnected, Is.False);
        Assert.That(await RedisProbe.WhyUnavailableAsync(options), Does.StartWith("the port accepts connections but the TLS session failed"));
    }

    [Test]
    public void A_certificate_that_does_not_name_the_host_is_refused()
    {
        using var redis = RedisConnector.Connect(Options("127.0.0.1:{0},ssl=true,sslHost=redis.example.net", _certificates.CaPath));

        Assert.That(redis.IsConnected, Is.False);
    }

    [Test]
    public async Task A_plain_client_at_a_tls_port_is_told_to_add_ssl()
    {
        var why = await RedisProbe.WhyUnavailableAsync(Options("127.0.0.1:{0}", caFile: ""));

        Assert.That(why, Does.Contain("a TLS port? then add ssl=true to Redis:Configuration"));
    }

    [Test]
    public void Ca_file_settings_are_checked_in_one_line()
    {
        var notPem = Path.Combine(_certificates.Directory, "not-a-certificate.txt");
        File.WriteAllText(notPem, "hello");

        Assert.That(new RedisOptions { Configuration = "r:6380,ssl=true", SslCaLocation = "/nonexistent/ca.pem" }.Validate(), Is.EqualTo("Redis:SslCaLocation: no such file '/nonexistent/ca.pem'"));
        Assert.That(new RedisOptions { Configuration = "r:6379", SslCaLocation = _certificates.CaPath }.Validate(), Is.EqualTo("Redis:SslCaLocation is set but Redis:Configuration has no ssl=true"));
        Assert.That(new RedisOptions { Configuration = "r:6380,ssl=true", SslCaLocation = notPem }.Validate(), Does.StartWith("Redis:SslCaLocation: no certificate in"));
    }

    private RedisOptions Options(string configuration, string caFile) => new()
    {
        Configuration = string.Format(System.Globalization.CultureInfo.InvariantCulture, configuration, _server.Port),
        Password = Password,
        SslCaLocation = caFile,
        ConnectTimeoutMs = 1000,
    };
}
