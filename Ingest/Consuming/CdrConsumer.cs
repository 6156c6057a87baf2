using System.Collections.Concurrent;
using Confluent.Kafka;
using FraudStream.Ingest.Cdr;
using FraudStream.Ingest.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudStream.Ingest.Consuming;

/// <summary>
/// The CDR consumer-group member: one long-running thread owns the Kafka consumer (poll, pause/resume,
/// offset store, rebalance callbacks); each assigned partition gets a <see cref="PartitionWorker"/> with a
/// bounded buffer, so partitions run in parallel, order holds within each, and a slow handler pauses
/// fetching instead of growing memory. Offsets are stored only after a batch's handler and dead letters
/// are acknowledged; stored offsets are committed in the background and on revocation and shutdown.
/// </summary>
public sealed partial class CdrConsumer
{
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_lagInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_alignmentMaxWait = TimeSpan.FromSeconds(2);

    private readonly KafkaOptions _kafka;
    private readonly Shared _shared;
    private readonly ILogger _logger;
    // By partition number: the consumer subscribes to one topic, and its records carry no topic name (see Poll).
    private readonly Dictionary<int, PartitionWorker> _workers = [];
    private readonly List<PartitionWorker> _paused = [];
    private readonly ConcurrentQueue<TopicPartitionOffset> _acks = new();
    private readonly IDeliveryAudit? _audit;
    private volatile Exception? _failure;
    private long _nextLagMs;
    private long _workersSeenAtMs;

    /// <param name="audit">Hears of every offset released for storing (a harness's; none in production).</param>
    public CdrConsumer(KafkaOptions kafka, IngestOptions ingest, IBatchHandler handler, KafkaBatchProducer deadLetters,
        ILogger<CdrConsumer>? logger = null, TimeProvider? time = null, IDeliveryAudit? audit = null)
    {
        _kafka = kafka;
        _audit = audit;
        _logger = logger ?? NullLogger<CdrConsumer>.Instance;
        var alignment = ingest.MaxEventTimeSkew > TimeSpan.Zero ? new EventTimeAlignment(ingest.MaxEventTimeSkew, s_alignmentMaxWait) : null;
        var gate = kafka.ExactlyOnce ? new TransactionGate() : null;
        _shared = new Shared(ingest, new CdrDecoder(ingest), handler, deadLetters, time ?? TimeProvider.System, new IngestStatistics(), Release, alignment, gate, _logger);
    }

    public IngestStatistics Statistics => _shared.Statistics;

    /// <summary>The pool consumed values are copied into; tests give a small one and look at its slabs.</summary>
    internal SlabPool Slabs
    {
        get => _shared.Slabs;
        init => _shared.Slabs = value;
    }

    /// <summary>Times a partition waited for a slower one (<see cref="IngestOptions.MaxEventTimeSkew"/>).</summary>
    public long AlignmentWaits => _shared.Alignment?.Waits ?? 0;

    /// <summary>Transactions committed (exactly-once mode).</summary>
    public long Transactions => Volatile.Read(ref _transactions);

    /// <summary>
    /// Header that marks a record as a copy another stage derived from a record it also forwarded (the same
    /// recordId, another purpose): deduplicated apart from the original, so neither drops the other when both
    /// land in one partition. Null: no such copies.
    /// </summary>
    public string? DerivedCopyHeader
    {
        get => _shared.DerivedCopyHeader;
        init => _shared.DerivedCopyHeader = value;
    }

    /// <summary>
    /// Merge each partition's records in the order the stage that re-keyed them gave them (<see cref="SourceOrder"/>),
    /// a source counting as idle after this long without progress; null (the default): process in arrival order.
    /// </summary>
    public TimeSpan? SourceMergeIdle
    {
        get => _shared.MergeIdle;
        init => _shared.MergeIdle = value;
    }

    /// <summary>How long a revoked partition's worker may take to finish its buffered records.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Consumes until <paramref name="stoppingToken"/> fires, then finishes buffered batches, stores and
    /// commits their offsets, leaves the group and closes. Throws if the handler or Kafka failed fatally
    /// (after the same orderly shutdown, without storing anything unfinished).
    /// </summary>
    public Task RunAsync(CancellationToken stoppingToken)
        => Task.Factory.StartNew(() => Poll(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Poll(CancellationToken stoppingToken)
    {
        var config = KafkaClientConfigs.Consumer(_kafka);
        config.ConsumeResultFields = KafkaClientConfigs.CdrConsumeResultFields;
        var consumer = new ConsumerBuilder<byte[], ConsumedBytes>(config)
            .SetValueDeserializer(_shared.Slabs)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, partitions))
            .SetPartitionsLostHandler((c, partitions) => OnLost(c, partitions))
            .SetErrorHandler((_, error) => OnError(error))
            .Build();
        BeginTransactions();
        consumer.Subscribe(_shared.Options.Topic);
        Log.Subscribed(_logger, _shared.Options.Topic, _kafka.GroupId);

        try
        {
            while (!stoppingToken.IsCancellationRequested && _failure is null)
            {
                StoreAcknowledged(consumer);
                CommitTransactionIfDue(consumer);
                LookAtWorkers(consumer);
                UpdateLag(consumer);

                ConsumeResult<byte[], ConsumedBytes>? record;
                try
                {
                    record = consumer.Consume(s_pollTimeout);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    Log.ConsumeError(_logger, e.Error.Code, e.Error.Reason);
                    continue;
                }

                if (record is not null)
                    Route(consumer, record);
            }
        }
        finally
        {
            Shutdown(consumer);
        }

        if (_failure is { } failure)
            throw new InvalidOperationException("The CDR consumer stopped: " + failure.Message, failure);
    }

    private void Route(IConsumer<byte[], ConsumedBytes> consumer, ConsumeResult<byte[], ConsumedBytes> record)
    {
        if (!_workers.TryGetValue(record.Partition.Value, out var worker))
        {
            _shared.Slabs.Release(record.Message.Value); // A record of a partition revoked in this very poll: its next owner reads it.
            return;
        }

        if (worker.Overflow.Count == 0 && worker.TryPost(record))
            return;

        // Back-pressure: hold the record and pause fetching the partition until its buffer drains.
        if (worker.Overflow.Count == 0)
        {
            consumer.Pause([worker.TopicPartition]);
            _paused.Add(worker);
            _shared.Statistics.Paused();
        }

        worker.Overflow.Enqueue(record);
    }

    // Resuming paused partitions and noticing a failed worker walk every worker or every paused one, and each
    // paused one's buffer takes a lock: once a tick of the millisecond clock is soon enough, where doing it for every consumed
    // record cost a walk over up to all partitions per record (measured: 1.6 % of the bench's CPU in phase B).
    private void LookAtWorkers(IConsumer<byte[], ConsumedBytes> consumer)
    {
        var now = Environment.TickCount64;
        if (now == _workersSeenAtMs)
            return;
        _workersSeenAtMs = now;
        ResumeDrained(consumer);
        CheckWorkers();
    }

    private void ResumeDrained(IConsumer<byte[], ConsumedBytes> consumer)
    {
        for (var i = _paused.Count - 1; i >= 0; i--)
        {
            var worker = _paused[i];
            while (worker.Overflow.Count > 0 && worker.TryPost(worker.Overflow.Peek()))
                worker.Overflow.Dequeue();

            if (worker.Overflow.Count == 0)
            {
                consumer.Resume([worker.TopicPartition]);
                _paused.RemoveAt(i);
            }
        }
    }

    // A partition worker's batch is done (its outputs acknowledged): its next offset goes to the poll thread to store.
    private void Release(TopicPartitionOffset next)
    {
        _audit?.Releasing(next);
        _acks.Enqueue(next);
    }

    private void StoreAcknowledged(IConsumer<byte[], ConsumedBytes> consumer)
    {
        if (_shared.Gate is not null)
            return; // Exactly-once: the next transaction takes them.

        while (_acks.TryDequeue(out var offset))
        {
            try
            {
                consumer.StoreOffset(offset);
            }
            catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
            {
                // The partition is no longer ours (revoked or lost meanwhile): its new owner decides.
            }
        }
    }

    private void UpdateLag(IConsumer<byte[], ConsumedBytes> consumer)
    {
        var now = Environment.TickCount64;
        if (now < _nextLagMs)
            return;
        _nextLagMs = now + (long)s_lagInterval.TotalMilliseconds;

        foreach (var worker in _workers.Values)
        {
            var partition = worker.TopicPartition;
            // Both come from the client's cache (the last fetch response and the fetch position): no request.
            var end = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            if (end.Value >= 0 && position.Value >= 0)
                _shared.Statistics.SetLag(partition.Partition.Value, Math.Max(0, end.Value - position.Value));
        }

        _shared.Alignment?.Changed();
    }

    private void CheckWorkers()
    {
        foreach (var worker in _workers.Values)
        {
            if (worker.Completion.IsFaulted)
            {
                _failure ??= worker.Completion.Exception!.GetBaseException();
                Log.HandlerFailed(_logger, _failure, worker.TopicPartition.Topic, worker.TopicPartition.Partition.Value);
            }
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
            _failure ??= new KafkaException(error);
        Log.KafkaError(_logger, error.Code, error.Reason, error.IsFatal);
    }

    /// <summary>What every partition worker of this consumer shares.</summary>
    internal sealed record Shared(
        IngestOptions Options,
        CdrDecoder Decoder,
        IBatchHandler Handler,
        KafkaBatchProducer DeadLetters,
        TimeProvider Time,
        IngestStatistics Statistics,
        Action<TopicPartitionOffset> Acknowledge,
        EventTimeAlignment? Alignment,
        TransactionGate? Gate,
        ILogger Logger)
    {
        public string? DerivedCopyHeader { get; set; }

        public TimeSpan? MergeIdle { get; set; }

        public SlabPool Slabs { get; set; } = new();
    }
}
