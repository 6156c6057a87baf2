using System.Diagnostics;
using FraudStream.Scoring.Redis;
using StackExchange.Redis;

namespace FraudStream.Host.Demo;

/// <summary>Proves the Redis path: a connection, a pipelined batch of writes and reads, and a pub/sub notice.</summary>
internal static class RedisRoundTrip
{
    public sealed record Result(string ServerVersion, int Pipelined, int ReadBack, bool PubSubDelivered, TimeSpan PipelineTime);

    public static async Task<Result> RunAsync(RedisOptions options, int count)
    {
        using var redis = RedisConnector.Connect(options);
        if (!redis.IsConnected)
            throw new InvalidOperationException($"Redis at {options.Configuration} is unreachable.");

        var db = redis.GetDatabase();
        var clock = Stopwatch.StartNew();
        var writes = new Task[count];
        for (var i = 0; i < count; i++)
            writes[i] = db.StringSetAsync("demo:probe:" + i, i);
        await Task.WhenAll(writes).ConfigureAwait(false);

        var reads = new Task<RedisValue>[count];
        for (var i = 0; i < count; i++)
            reads[i] = db.StringGetAsync("demo:probe:" + i);
        await Task.WhenAll(reads).ConfigureAwait(false);
        var readBack = 0;
        for (var i = 0; i < count; i++)
        {
            if ((int)reads[i].Result == i)
                readBack++;
        }

        var pipelineTime = clock.Elapsed;

        var delivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = redis.GetSubscriber();
        var channel = new RedisChannel("fraudstream:demo:changes", RedisChannel.PatternMode.Literal);
        await subscriber.SubscribeAsync(channel, (_, message) => delivered.TrySetResult(message == "hello")).ConfigureAwait(false);
        await subscriber.PublishAsync(channel, "hello").ConfigureAwait(false);
        var pubSub = await Task.WhenAny(delivered.Task, Task.Delay(5000)).ConfigureAwait(false) == delivered.Task && delivered.Task.Result;

        var version = redis.GetServer(redis.GetEndPoints()[0]).Version.ToString();
        return new Result(version, count, readBack, pubSub, pipelineTime);
    }
}
