using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, N brokers listening on loopback TCP and
/// speaking the real Kafka protocol, so Confluent.Kafka clients in this process and kcat in another one
/// connect to it as to any cluster. Data lives in memory only. It is the embedded default of
/// <c>fraudstream demo</c>, <c>fraudstream broker</c> and every Kafka test, never a production broker.
/// </summary>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private const int MaxBrokers = 16;

    private readonly IntPtr _client;
    private IntPtr _cluster;

    private EmbeddedKafkaCluster(IntPtr client, IntPtr cluster, int brokerCount)
    {
        _client = client;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("librdkafka returned no bootstrap servers for the mock cluster.");
    }

    /// <summary>The comma-separated <c>host:port</c> list clients connect to.</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers are numbered 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts <paramref name="brokers"/> brokers on free loopback ports.</summary>
    /// <exception cref="DllNotFoundException">librdkafka is missing; the message says how to install it.</exception>
    public static EmbeddedKafkaCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokers, MaxBrokers);
        LibrdkafkaLoader.EnsureLoaded();

        var errstr = new byte[512];
        var conf = LibrdkafkaNative.rd_kafka_conf_new();
        // The hosting handle never produces; it only owns the mock brokers' threads. Errors only: the
        // mock logs every client disconnect at a higher level, which is noise in a demo or a test.
        SetConf(conf, "log_level", "3", errstr);
        SetConf(conf, "client.id", "fraudstream-embedded-kafka", errstr);

        var client = LibrdkafkaNative.rd_kafka_new(LibrdkafkaNative.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (client == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("Could not create the librdkafka handle for the embedded cluster: " + Text(errstr));
        }

        var cluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(client, brokers);
        if (cluster == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_destroy(client);
            throw new InvalidOperationException("librdkafka could not start the embedded Kafka cluster (no free loopback port?).");
        }

        return new EmbeddedKafkaCluster(client, cluster, brokers);
    }

    /// <summary>Creates a topic; the mock has no CreateTopics API, so this is the way to size one.</summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        Check(LibrdkafkaNative.rd_kafka_mock_topic_create(Handle, name, partitions, replicationFactor), $"create topic '{name}'");
    }

    /// <summary>Creates each topic of <paramref name="topics"/>.</summary>
    public void CreateTopics(IEnumerable<TopicSpec> topics)
    {
        foreach (var topic in topics)
            CreateTopic(topic.Name, topic.Partitions);
    }

    /// <summary>Disconnects the broker and refuses new connections until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_down(Handle, BrokerId(brokerId)), $"take broker {brokerId} down");

    /// <summary>Lets the broker accept connections again.</summary>
    public void SetBrokerUp(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_up(Handle, BrokerId(brokerId)), $"bring broker {brokerId} up");

    /// <summary>Delays every response of the broker by <paramref name="rtt"/>.</summary>
    public void SetBrokerRtt(int brokerId, TimeSpan rtt)
        => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_rtt(Handle, BrokerId(brokerId), checked((int)rtt.TotalMilliseconds)), $"set broker {brokerId} RTT");

    /// <summary>Moves the leadership of one partition to <paramref name="brokerId"/>.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
        => Check(LibrdkafkaNative.rd_kafka_mock_partition_set_leader(Handle, topic, partition, BrokerId(brokerId)), $"move leader of {topic}[{partition}]");

    /// <summary>Makes <paramref name="brokerId"/> the coordinator of a consumer group or transactional id.</summary>
    public void SetCoordinator(CoordinatorType type, string key, int brokerId)
        => Check(LibrdkafkaNative.rd_kafka_mock_coordinator_set(Handle, type == CoordinatorType.Group ? "group" : "transaction", key, BrokerId(brokerId)), $"move coordinator of '{key}'");

    /// <summary>
    /// The next <paramref name="errors"/>.Length requests of <paramref name="apiKey"/>, to any broker,
    /// fail with these errors, in order.
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ReadOnlySpan<ErrorCode> errors)
    {
        var codes = new int[errors.Length];
        for (var i = 0; i < errors.Length; i++)
            codes[i] = (int)errors[i];
        LibrdkafkaNative.rd_kafka_mock_push_request_errors_array(Handle, (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Drops the errors still queued by <see cref="PushRequestErrors"/> for <paramref name="apiKey"/>.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) => LibrdkafkaNative.rd_kafka_mock_clear_request_errors(Handle, (short)apiKey);

    /// <summary>Every metadata answer for <paramref name="topic"/> carries <paramref name="error"/> until set back to NoError.</summary>
    public void SetTopicError(string topic, ErrorCode error) => LibrdkafkaNative.rd_kafka_mock_topic_set_error(Handle, topic, (int)error);

    public void Dispose()
    {
        if (_cluster == IntPtr.Zero)
            return;

        LibrdkafkaNative.rd_kafka_mock_cluster_destroy(_cluster);
        _cluster = IntPtr.Zero;
        LibrdkafkaNative.rd_kafka_destroy(_client);
    }

    private IntPtr Handle => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(EmbeddedKafkaCluster));

    private int BrokerId(int brokerId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
        return brokerId;
    }

    private static void SetConf(IntPtr conf, string name, string value, byte[] errstr)
    {
        if (LibrdkafkaNative.rd_kafka_conf_set(conf, name, value, errstr, (nuint)errstr.Length) != LibrdkafkaNative.ConfOk)
            throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text(errstr)}");
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
            throw new InvalidOperationException($"Embedded Kafka could not {what}: {Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_err2str(err))}");
    }

    private static string Text(byte[] errstr)
    {
        var end = Array.IndexOf(errstr, (byte)0);
        return Encoding.UTF8.GetString(errstr, 0, end < 0 ? errstr.Length : end);
    }
}
