using System.Runtime.InteropServices;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// The part of librdkafka's C API that Confluent.Kafka does not wrap: client handles for hosting a mock
/// cluster, and the mock cluster itself (rdkafka_mock.h, librdkafka 2.16). Variadic functions are not
/// declared: they cannot be P/Invoked reliably; the <c>_array</c> forms are used instead.
/// </summary>
internal static partial class LibrdkafkaNative
{
    internal const int ProducerType = 0;
    internal const int ConfOk = 0;

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial IntPtr rd_kafka_version_str();

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(LibrdkafkaLoader.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    /// <remarks>Takes ownership of <paramref name="conf"/> on success only.</remarks>
    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial IntPtr rd_kafka_err2str(int err);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(LibrdkafkaLoader.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibrdkafkaLoader.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void rd_kafka_mock_topic_set_error(IntPtr mcluster, string topic, int err);

    [LibraryImport(LibrdkafkaLoader.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_partition_set_leader(IntPtr mcluster, string topic, int partition, int brokerId);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_rtt(IntPtr mcluster, int brokerId, int rttMs);

    [LibraryImport(LibrdkafkaLoader.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_coordinator_set(IntPtr mcluster, string keyType, string key, int brokerId);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial void rd_kafka_mock_push_request_errors_array(IntPtr mcluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(LibrdkafkaLoader.LibraryName)]
    internal static partial void rd_kafka_mock_clear_request_errors(IntPtr mcluster, short apiKey);
}
