using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// An admin client built from <see cref="KafkaClientConfigs.Admin"/> (so with the configured SASL and TLS
/// settings) that says why a cluster is unreachable. A failed metadata request by itself only says
/// "Local: Broker transport failure"; the reason (refused connection, "SSL handshake failed: connecting to a
/// PLAINTEXT broker listener?", "SASL authentication error") reaches the client's error callback, so the last
/// most detailed one seen (retries of the same failure may say only "Disconnected") is added to the exception.
/// </summary>
public sealed class KafkaAdmin : IDisposable
{
    private readonly IAdminClient _client;
    private readonly Lock _gate = new();
    private string? _detail;

    private KafkaAdmin(KafkaOptions options, TimeSpan? socketTimeout)
    {
        var config = KafkaClientConfigs.Admin(options, socketTimeout is { } t ? (int)t.TotalMilliseconds : null);
        _client = new AdminClientBuilder(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler((_, error) =>
            {
                // "1/1 brokers are down" follows every specific failure and says less than it.
                if (error.Code != ErrorCode.Local_AllBrokersDown)
                    Remember(error.Reason);
            })
            .Build();
    }

    /// <summary>The admin client, for requests this class does not wrap.</summary>
    public IAdminClient Client => _client;

    /// <summary>Creates the client; it connects on the first request.</summary>
    /// <param name="socketTimeout">librdkafka's <c>socket.timeout.ms</c>; its default when null.</param>
    public static KafkaAdmin Connect(KafkaOptions options, TimeSpan? socketTimeout = null) => new(options, socketTimeout);

    /// <summary>The metadata of every topic.</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time; the reason names the last broker error.</exception>
    public Metadata GetMetadata(TimeSpan timeout)
    {
        try
        {
            return _client.GetMetadata(timeout);
        }
        catch (KafkaException e)
        {
            throw Explained(e);
        }
    }

    /// <summary>The metadata of one topic (brokers older than Kafka 0.11 may create it when auto-creation is on).</summary>
    /// <exception cref="KafkaException">The cluster did not answer in time; the reason names the last broker error.</exception>
    public Metadata GetMetadata(string topic, TimeSpan timeout)
    {
        try
        {
            return _client.GetMetadata(topic, timeout);
        }
        catch (KafkaException e)
        {
            throw Explained(e);
        }
    }

    /// <summary>See <see cref="IAdminClient.CreateTopicsAsync"/>.</summary>
    public Task CreateTopicsAsync(IEnumerable<TopicSpecification> topics, CreateTopicsOptions? options = null)
        => _client.CreateTopicsAsync(topics, options);

    public void Dispose() => _client.Dispose();

    private void Remember(string reason)
    {
        lock (_gate)
        {
            if (_detail is null || reason.Length > _detail.Length)
                _detail = reason;
        }
    }

    private KafkaException Explained(KafkaException e)
    {
        string? cause;
        lock (_gate)
            cause = _detail;
        return cause is null || e.Error.Reason.Contains(cause, StringComparison.Ordinal)
            ? e
            : new KafkaException(new Error(e.Error.Code, $"{e.Error.Reason} ({cause})", e.Error.IsFatal));
    }
}
