using System.CommandLine;
using System.Text;
using FraudStream.Host.Hosting;
using FraudStream.Ingest;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FraudStream.Host.Commands.Labels;

/// <summary>
/// What every <c>fraudstream labels</c> subcommand runs in: the layered configuration, a connection to the
/// configured Redis and a <see cref="LabelStore"/> on it, with Redis failures turned into one line and exit 1.
/// </summary>
internal sealed class LabelsSession : IDisposable
{
    private readonly RedisOptions _redis;
    private readonly BlocklistOptions _blocklist;
    private ConnectionMultiplexer? _connection;

    private LabelsSession(CliContext cli, RedisOptions redis, BlocklistOptions blocklist, ushort homeCountryCode)
    {
        Cli = cli;
        _redis = redis;
        _blocklist = blocklist;
        HomeCountryCode = homeCountryCode;
    }

    public CliContext Cli { get; }

    public TextWriter Output => Cli.Output;

    public ushort HomeCountryCode { get; }

    /// <summary>Who the audit trail names for changes made from this shell.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    public static Task<int> RunAsync(CliContext cli, ParseResult parse, Option<string> redis, Func<LabelsSession, CancellationToken, Task<int>> work)
    {
        var builder = CommandHost.CreateBuilder(parse.GetValue(cli.Config), CommandLineOverrides.From(parse, (redis, "Redis:Configuration")));
        CommandHost.AddValidated<BlocklistOptions>(builder, BlocklistOptions.Section, static o => o.Validate());
        return CommandHost.RunAsync(builder, (services, stopping) => RunAsync(
            cli,
            services.GetRequiredService<IOptions<RedisOptions>>().Value,
            services.GetRequiredService<IOptions<IngestOptions>>().Value,
            services.GetRequiredService<IOptions<BlocklistOptions>>().Value,
            work,
            stopping));
    }

    private static async Task<int> RunAsync(
        CliContext cli, RedisOptions redis, IngestOptions ingest, BlocklistOptions blocklist, Func<LabelsSession, CancellationToken, Task<int>> work, CancellationToken stopping)
    {
        if (string.IsNullOrWhiteSpace(redis.Configuration))
            throw new UsageException("no Redis to keep labels in: pass --redis host:port or set Redis:Configuration (FRAUDSTREAM__Redis__Configuration)");

        using var session = new LabelsSession(cli, redis, blocklist, ingest.HomeCountryCode);
        try
        {
            return await work(session, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (BlocklistResilience.IsRedisUnavailable(e) || e is RedisUnreachableException)
        {
            return await UnreachableAsync(cli, redis, e.Message).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            await cli.Error.WriteLineAsync($"fraudstream: Redis at {redis.Describe()} failed: {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// Connects to Redis, after the subcommand has checked its arguments (so a typo is reported as such even
    /// when Redis is down). Throws <see cref="RedisUnreachableException"/> with the reason when it cannot.
    /// </summary>
    public async Task<LabelStore> OpenStoreAsync()
    {
        _connection ??= RedisConnector.Connect(_redis);
        if (!_connection.IsConnected)
            throw new RedisUnreachableException(await RedisProbe.WhyUnavailableAsync(_redis).ConfigureAwait(false));
        return new LabelStore(_connection, _blocklist);
    }

    public void Dispose() => _connection?.Dispose();

    /// <summary>Parses a number as a CDR field would be (national numbers get the home country code).</summary>
    public ulong ParseNumber(string text, string what = "number")
        => TryParseNumber(text, HomeCountryCode, out var number, out var error) ? number : throw new UsageException($"{what} '{text}': {error}");

    /// <summary>As <see cref="ParseNumber"/>, for callers that report the error themselves (the analyst's page).</summary>
    public static bool TryParseNumber(string text, ushort homeCountryCode, out ulong number, out string error)
    {
        var result = PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(text), homeCountryCode, out var parsed);
        number = parsed.Value;
        error = result == PhoneNumberError.None ? "" : Describe(result);
        return result == PhoneNumberError.None;
    }

    /// <summary>Why a number was refused, in words.</summary>
    public static string Describe(PhoneNumberError error) => error switch
    {
        PhoneNumberError.Empty => "empty",
        PhoneNumberError.InvalidCharacter => "only digits may follow an optional + or 00",
        PhoneNumberError.TooShort => "fewer than 7 digits in E.164 form",
        PhoneNumberError.TooLong => "more than 15 digits in E.164 form",
        PhoneNumberError.UnknownCountryCode => "no such country calling code",
        _ => error.ToString(),
    };

    private static async Task<int> UnreachableAsync(CliContext cli, RedisOptions redis, string reason)
    {
        await cli.Error.WriteLineAsync($"fraudstream: Redis at {redis.Describe()} is unreachable: {OneLine(reason)}").ConfigureAwait(false);
        return ExitCodes.Failed;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
