using System.Reflection;
using System.Runtime.InteropServices;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// Binds Confluent.Kafka and FraudStream's own P/Invokes to one native librdkafka: Debian's
/// <c>librdkafka.so.1</c>. Confluent.Kafka's own probe looks for <c>librdkafka.so</c> (only present with
/// librdkafka-dev) and its <c>Library.Load(path)</c> fails on Debian looking for <c>libdl</c>, so the
/// process maps the library name itself before the first Kafka call.
/// </summary>
public static class LibrdkafkaLoader
{
    internal const string LibraryName = "librdkafka";

    /// <summary>What to tell a user whose machine lacks the native library.</summary>
    public const string InstallHint = "librdkafka is not installed: run deploy/setup.sh (it installs Debian's librdkafka1)";

    private static readonly Lock s_gate = new();
    private static IntPtr s_handle;
    private static volatile bool s_loaded;

    /// <summary>Loads librdkafka once and routes every assembly that imports it to that one handle.</summary>
    /// <exception cref="DllNotFoundException">librdkafka is not installed; the message says how to install it.</exception>
    public static void EnsureLoaded()
    {
        if (s_loaded)
            return;

        lock (s_gate)
        {
            if (s_loaded)
                return;

            s_handle = LoadNative();
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLoader).Assembly, Resolve);
            s_loaded = true;
        }
    }

    /// <summary>The librdkafka version string, e.g. "2.0.2".</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_version_str()) ?? "unknown";
        }
    }

    private static IntPtr LoadNative()
    {
        foreach (var name in (ReadOnlySpan<string>)["librdkafka.so.1", "librdkafka.so"])
        {
            if (NativeLibrary.TryLoad(name, out var handle))
                return handle;
        }

        throw new DllNotFoundException(InstallHint);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName.StartsWith(LibraryName, StringComparison.Ordinal) ? s_handle : IntPtr.Zero;
}
