using System.Net;
using System.Net.Sockets;
using FraudStream.Host.Hosting;
using FraudStream.Host.Operations;

namespace FraudStream.Host.Tests.Operations;

/// <summary>The real endpoint on a free loopback port: what a Kubernetes probe would see, and its address handling.</summary>
[TestFixture]
public sealed class OperationsServerTests
{
    private static readonly OperationsOptions AnyFreePort = new() { Listen = "http://127.0.0.1:0" };

    [Test]
    public async Task Liveness_answers_200_live()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, NotReady);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("live"));
    }

    [Test]
    public async Task Readiness_follows_the_delegate_503_with_its_reason_then_200()
    {
        var state = (Ready: false, Reason: "no partitions assigned yet");
        await using var server = await OperationsServer.StartAsync(AnyFreePort, () => state);
        using var http = new HttpClient { BaseAddress = server.Address };

        using (var notReady = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.That(notReady.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await notReady.Content.ReadAsStringAsync(), Is.EqualTo("no partitions assigned yet"));
        }

        state = (true, "");
        using var ready = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("ready"));
    }

    [Test]
    public async Task Readiness_delegate_that_throws_is_503_with_the_error()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, static () => throw new InvalidOperationException("pipeline not built"));
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("readiness check failed: pipeline not built"));
    }

    [Test]
    public async Task Unknown_path_is_404()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, Ready);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("")]
    [TestCase("  ")]
    public async Task Empty_listen_disables_the_endpoint(string listen)
    {
        await using var server = await OperationsServer.StartAsync(new OperationsOptions { Listen = listen }, Ready);

        Assert.That(server.Enabled, Is.False);
        Assert.That(server.Address, Is.Null);
    }

    [Test]
    public async Task Port_0_listens_on_a_real_free_port()
    {
        await using var server = await OperationsServer.StartAsync(AnyFreePort, Ready);

        Assert.That(server.Enabled, Is.True);
        Assert.That(server.Address!.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.Address.Port, Is.GreaterThan(0));
    }

    [Test]
    public void Port_in_use_is_one_line_naming_the_address_and_the_setting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var listen = $"http://127.0.0.1:{port}";

        var e = Assert.ThrowsAsync<UsageException>(() => OperationsServer.StartAsync(new OperationsOptions { Listen = listen }, Ready));

        Assert.That(e!.Message, Is.EqualTo(
            $"Operations:Listen {listen}: the address is already in use (another fraudstream?); pass another Operations:Listen, " +
            "e.g. FRAUDSTREAM__Operations__Listen=http://127.0.0.1:9465, or an empty one to disable the endpoint"));
    }

    [Test]
    public void Invalid_listen_is_a_usage_error_even_without_the_host_validating_it()
    {
        var e = Assert.ThrowsAsync<UsageException>(() => OperationsServer.StartAsync(new OperationsOptions { Listen = "127.0.0.1:9464" }, Ready));

        Assert.That(e!.Message, Does.StartWith("bad configuration: Operations:Listen is '127.0.0.1:9464'"));
    }

    [Test]
    public async Task Stopped_endpoint_frees_its_port()
    {
        var server = await OperationsServer.StartAsync(AnyFreePort, Ready);
        var port = server.Address!.Port;

        await server.DisposeAsync();
        await server.DisposeAsync(); // twice is harmless

        using var reuse = new TcpListener(IPAddress.Loopback, port);
        Assert.That(reuse.Start, Throws.Nothing);
    }

    private static (bool Ready, string Reason) Ready() => (true, "");

    private static (bool Ready, string Reason) NotReady() => (false, "starting");
}
