using System.Diagnostics;
using System.Globalization;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Redis;

namespace FraudStream.Benchmarks.Scoring;

/// <summary>
/// <c>replica-memory [count] [--redis]</c>: bytes per label of the replica, measured two ways. Table: the
/// label table alone filled with <c>count</c> labels, as the GC heap delta after a full collection divided by
/// the count, and as the table's own byte count. With <c>--redis</c>, also the whole replica after a real full
/// load from a private redis-server (GC heap delta, load time).
/// </summary>
internal static class ReplicaMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 10_000_000;
        var numbers = LabelSeeder.Numbers(count, LabelSeeder.HitBase, seed: 1);
        Console.WriteLine($"labels: {count:N0} distinct random numbers in +86 13x xxxx xxxx");

        MeasureTable(numbers);
        if (args.Contains("--redis"))
            await MeasureReplicaAsync(numbers).ConfigureAwait(false);
        return 0;
    }

    private static void MeasureTable(ulong[] numbers)
    {
        var before = Heap();
        var map = new SingleWriterMap();
        var clock = Stopwatch.StartNew();
        var packed = Packing.Pack(new LabelInfo(LabelCategory.Fraud, LabelSource.Police, LabelAction.Block, 0));
        foreach (var number in numbers)
            map.Set(number, packed);
        var fill = clock.Elapsed;
        var after = Heap();
        GC.KeepAlive(map);

        Console.WriteLine($"table: {map.Count:N0} labels in {map.Capacity:N0} slots (load {(double)map.Count / map.Capacity:P1}), filled in {fill.TotalSeconds:F2} s");
        Console.WriteLine($"table: GC heap delta {after - before:N0} B = {(double)(after - before) / map.Count:F1} B/label");
        Console.WriteLine($"table: own byte count {map.Bytes:N0} B = {(double)map.Bytes / map.Count:F1} B/label");
    }

    private static async Task MeasureReplicaAsync(ulong[] numbers)
    {
        using var server = PrivateRedisServer.Start();
        // allowAdmin only for INFO (Redis's own memory use, for context).
        using var redis = RedisConnector.Connect(new RedisOptions { Configuration = server.Configuration + ",allowAdmin=true" });
        var options = new BlocklistOptions();
        var clock = Stopwatch.StartNew();
        await LabelSeeder.SeedAsync(redis, options, numbers).ConfigureAwait(false);
        Console.WriteLine($"redis: seeded {numbers.Length:N0} label hashes in {clock.Elapsed.TotalSeconds:F1} s; {UsedMemory(redis, server)}");

        var before = Heap();
        clock.Restart();
        var replica = new BlocklistReplica(redis, options);
        await replica.StartAsync().ConfigureAwait(false);
        var load = clock.Elapsed;
        var after = Heap();
        Console.WriteLine($"replica: full load of {replica.LabelCount:N0} labels in {load.TotalSeconds:F1} s ({replica.LabelCount / load.TotalSeconds:N0} labels/s)");
        Console.WriteLine($"replica: GC heap delta {after - before:N0} B = {(double)(after - before) / replica.LabelCount:F1} B/label (whole replica, after a full GC)");
        Console.WriteLine($"replica: label table {replica.LabelBytes:N0} B = {(double)replica.LabelBytes / replica.LabelCount:F1} B/label");
        await replica.DisposeAsync().ConfigureAwait(false);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string UsedMemory(StackExchange.Redis.ConnectionMultiplexer redis, PrivateRedisServer server)
    {
        var info = redis.GetServer(server.Configuration).Info("memory");
        foreach (var group in info)
        {
            foreach (var pair in group)
            {
                if (pair.Key == "used_memory_human")
                    return "Redis used_memory " + pair.Value;
            }
        }

        return "";
    }
}
