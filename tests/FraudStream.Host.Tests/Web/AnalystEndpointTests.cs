using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FraudStream.Host.Operations;
using FraudStream.Host.Web;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;
using StackExchange.Redis;

namespace FraudStream.Host.Tests.Web;

/// <summary>
/// The analyst page's endpoints on a real operations listener and a private redis-server: writes need the token
/// (401 and nothing in Redis without it), input is checked as the CLI checks it, and what is written is what
/// <c>fraudstream labels</c> would write.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AnalystEndpointTests
{
    private const string Token = "test-analyst-token-0123456789";
    private const string Number = "+8613800138111";
    private const ulong NumberValue = 8613800138111;

    private PrivateRedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private RateHistory _rates = null!;
    private LabelStore _store = null!;

    [OneTimeSetUp]
    public void StartRedis()
    {
        _server = PrivateRedisServer.Start();
        _redis = RedisConnector.Connect(new RedisOptions { Configuration = _server.Configuration + ",allowAdmin=true" });
        _store = new LabelStore(_redis);
        _rates = new RateHistory();
    }

    [OneTimeTearDown]
    public void StopRedis()
    {
        _rates.Dispose();
        _redis.Dispose();
        _server.Dispose();
    }

    [SetUp]
    public Task FlushAsync() => _redis.GetServers()[0].FlushAllDatabasesAsync();

    [Test]
    public async Task Label_without_token_is_401_and_writes_nothing()
    {
        await using var server = await StartAsync(Token);
        using var http = Client(server, token: null);

        using var response = await http.PostAsync($"api/numbers/{Uri.EscapeDataString(Number)}/label", Body(new { category = "fraud", source = "police", reason = "case 1" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync());
        Assert.That(await _store.GetAsync(NumberValue), Is.Null, "nothing written");
        Assert.That(await _store.AuditAsync(NumberValue), Is.Empty, "nothing audited");
    }

    [Test]
    public async Task Label_with_a_wrong_token_is_401_and_writes_nothing()
    {
        await using var server = await StartAsync(Token);
        using var http = Client(server, Token + "x");

        using var response = await http.PostAsync($"api/numbers/{Uri.EscapeDataString(Number)}/allow", Body(new { reason = "appeal won" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await _store.GetAsync(NumberValue), Is.Null);
    }

    [Test]
    public async Task Write_when_no_token_is_configured_is_401_even_with_one()
    {
        await using var server = await StartAsync(token: "");
        using var http = Client(server, Token);

        using var response = await http.PostAsync($"api/numbers/{Uri.EscapeDataString(Number)}/label", Body(new { category = "fraud", source = "police", reason = "case 1" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Error(response), Does.Contain("no Operations:AnalystToken"));
        Assert.That(await _store.GetAsync(NumberValue), Is.Null);
    }

    [TestCase("{\"category\":\"frod\",\"source\":\"police\",\"reason\":\"r\"}", "category 'frod': expected one of fraud, scam")]
    [TestCase("{\"category\":\"fraud\",\"source\":\"nobody\",\"reason\":\"r\"}", "source 'nobody': expected one of court")]
    [TestCase("{\"category\":\"fraud\",\"source\":\"police\",\"reason\":\"r\",\"ttl\":\"3x\"}", "ttl '3x': expected a count and a unit")]
    [TestCase("{\"category\":\"fraud\",\"source\":\"police\",\"reason\":\"r\",\"action\":\"allow\"}", "action: action allow belongs to category allow")]
    [TestCase("{\"category\":\"fraud\",\"source\":\"police\"}", "reason: required")]
    [TestCase("[1]", "not a JSON object")]
    [TestCase("{", "not JSON")]
    public async Task Label_with_bad_input_is_400_with_the_CLIs_wording_and_writes_nothing(string body, string error)
    {
        await using var server = await StartAsync(Token);
        using var http = Client(server, Token);

        using var response = await http.PostAsync($"api/numbers/{Uri.EscapeDataString(Number)}/label", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await Error(response), Does.Contain(error));
        Assert.That(await _store.GetAsync(NumberValue), Is.Null);
    }

    [TestCase("12", "fewer than 7 digits")]
    [TestCase("h:0123456789abcdef0123456789abcdef", "is a pseudonym")]
    public async Task Bad_number_is_400(string number, string error)
    {
        await using var server = await StartAsync(Token);
        using var http = Client(server, Token);

        using var read = await http.GetAsync($"api/numbers/{Uri.EscapeDataString(number)}");
        using var write = await http.PostAsync($"api/numbers/{Uri.EscapeDataString(number)}/label", Body(new { category = "fraud", source = "police", reason = "r" }));

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await Error(read), Does.Contain(error));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Label_then_remove_with_the_token_go_through_the_label_store_and_its_audit_trail()
    {
        await using var server = await StartAsync(Token);
        using var http = Client(server, Token);

        // A national number, as the CLI takes it: it gets the home country code.
        using var labelled = await http.PostAsync("api/numbers/13800138111/label", Body(new { category = "fraud", source = "police", reason = "case 7", ttl = "12h" }));
        Assert.That(labelled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await labelled.Content.ReadAsStringAsync());
        var label = await _store.GetAsync(NumberValue);
        Assert.That(label, Is.Not.Null);
        Assert.That((label!.Category, label.Source, label.Action, label.Reason, label.Actor), Is.EqualTo((LabelCategory.Fraud, LabelSource.Police, LabelAction.Block, "case 7", "web:analyst")));
        Assert.That(DateTimeOffset.FromUnixTimeMilliseconds(label.ExpiresMs), Is.EqualTo(DateTimeOffset.UtcNow.AddHours(12)).Within(TimeSpan.FromMinutes(5)));

        using var shown = await http.GetAsync($"api/numbers/{Uri.EscapeDataString(Number)}");
        using (var document = JsonDocument.Parse(await shown.Content.ReadAsStringAsync()))
        {
            Assert.That(document.RootElement.GetProperty("label").GetProperty("category").GetString(), Is.EqualTo("fraud"));
            Assert.That(document.RootElement.GetProperty("audit").GetArrayLength(), Is.EqualTo(1));
        }

        using var removed = await http.PostAsync($"api/numbers/{Uri.EscapeDataString(Number)}/remove", Body(new { reason = "appeal won" }));
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _store.GetAsync(NumberValue), Is.Null);
        var audit = await _store.AuditAsync(NumberValue);
        Assert.That(audit.Select(e => (e.Reason, e.Actor)), Is.EqualTo(new[] { ("appeal won", "web:analyst"), ("case 7", "web:analyst") }));
    }

    [Test]
    public async Task Allow_list_with_the_token_replaces_a_label_with_an_allow()
    {
        await _store.AddAsync(new LabelRequest(NumberValue, LabelCategory.Fraud, LabelSource.Report, "reports"), "test");
        await using var server = await StartAsync(Token);
        using var http = Client(server, Token);

        using var response = await http.PostAsync($"api/numbers/{Uri.EscapeDataString(Number)}/allow", Body(new { source = "carrier", reason = "our own test line", ttl = "30d" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var label = await _store.GetAsync(NumberValue);
        Assert.That((label!.Category, label.Action, label.Source, label.Reason, label.Actor), Is.EqualTo((LabelCategory.Allow, LabelAction.Allow, LabelSource.Carrier, "our own test line", "web:analyst")));
    }

    [Test]
    public async Task Read_from_loopback_naming_another_host_needs_the_token()
    {
        await using var server = await StartAsync(Token);
        using var anonymous = Client(server, token: null);
        using var withToken = Client(server, Token);

        using var rebound = new HttpRequestMessage(HttpMethod.Get, "api/about") { Headers = { Host = "attacker.example" } };
        using var refused = await anonymous.SendAsync(rebound);
        using var reboundWithToken = new HttpRequestMessage(HttpMethod.Get, "api/about") { Headers = { Host = "attacker.example" } };
        using var allowed = await withToken.SendAsync(reboundWithToken);
        using var local = await anonymous.GetAsync("api/about");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a DNS-rebound page reads nothing");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(local.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads from loopback need nothing");
    }

    [Test]
    public async Task Page_is_served_with_a_same_origin_content_security_policy()
    {
        await using var server = await StartAsync(Token);
        using var http = Client(server, token: null);

        using var page = await http.GetAsync("");
        using var chart = await http.GetAsync("assets/vendor/chart.umd.min.js");
        using var escape = await http.GetAsync("assets/..%2F..%2Ffraudstream.dll");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the page is built into web/ beside the executable: run deploy/setup.sh");
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<script src=\"/assets/app.js\" type=\"module\">"));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("default-src 'none'"));
        Assert.That(chart.StatusCode, Is.EqualTo(HttpStatusCode.OK), "Chart.js from npm is copied in by deploy/setup.sh (Host/Web/build-assets.sh)");
        Assert.That(escape.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private async Task<OperationsServer> StartAsync(string token)
    {
        var analyst = new AnalystContext(new KafkaOptions { BootstrapServers = "127.0.0.1:1" }, "fraud.alert.v1", _store, 86, token, _rates);
        return await OperationsServer.StartAsync(new OperationsOptions { Listen = "http://127.0.0.1:0" }, () => (true, "ready"), app => AnalystWeb.Map(app, analyst));
    }

    private static HttpClient Client(OperationsServer server, string? token)
    {
        var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task<string> Error(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
