using System.Collections.Concurrent;
using System.Text.Json;
using Confluent.Kafka;
using FraudStream.Ingest.Kafka;

namespace FraudStream.Host.Demo;

/// <summary>
/// Reads the alert topic the way an analyst's tool would (every partition assigned from the beginning, no
/// group, nothing committed) and keeps which numbers were alerted for which kind and role.
/// </summary>
internal sealed class AlertCollector : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<(string Kind, string Role), ConcurrentDictionary<ulong, int>> _alerted = new();
    private long _count;
    private long _unreadable;

    public AlertCollector(KafkaOptions kafka, string topic, int partitions)
    {
        var config = KafkaClientConfigs.Consumer(kafka, "fraudstream-demo-collector");
        config.EnableAutoCommit = false;
        _consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    /// <summary>Alerts read so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>Distinct numbers alerted for <paramref name="kind"/> in <paramref name="role"/>.</summary>
    public IReadOnlyCollection<ulong> Numbers(string kind, string role)
        => _alerted.TryGetValue((kind, role), out var numbers) ? [.. numbers.Keys] : [];

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var record = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null)
                continue;

            try
            {
                using var alert = JsonDocument.Parse(record.Message.Value);
                var root = alert.RootElement;
                var kind = root.GetProperty("kind").GetString()!;
                var role = root.GetProperty("role").GetString()!;
                var number = ulong.Parse(root.GetProperty("number").GetString()!.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                _alerted.GetOrAdd((kind, role), static _ => new()).AddOrUpdate(number, 1, static (_, n) => n + 1);
                Interlocked.Increment(ref _count);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                Interlocked.Increment(ref _unreadable);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
