using System.Reflection;
using System.Runtime.InteropServices;

namespace FraudStream.Ingest.Kafka;

/// <summary>
/// Binds FraudStream's own P/Invokes (the mock cluster, <see cref="LibrdkafkaNative"/>) to the very librdkafka
/// file Confluent.Kafka loaded from librdkafka.redist. Which file that is depends on the machine: on Debian 12
/// the redist's glibc <c>librdkafka.so</c> needs <c>libsasl2.so.3</c>, which Debian lacks, so Confluent.Kafka
/// falls back to the redist's <c>centos8-librdkafka.so</c>. Binding by name would pick another file (or fail
/// on libsasl2), and a mock cluster hosted by one copy of librdkafka is invisible to clients of another.
/// </summary>
public static class LibrdkafkaLoader
{
    internal const string LibraryName = "librdkafka";

    /// <summary>What to tell a user whose machine cannot load the native library.</summary>
    public const string InstallHint =
        "librdkafka could not be loaded: it ships with the librdkafka.redist NuGet package; run deploy/setup.sh to restore and build";

    private static readonly Lock s_gate = new();
    private static IntPtr s_handle;
    private static volatile bool s_loaded;

    /// <summary>Loads librdkafka once (through Confluent.Kafka) and routes FraudStream's imports to that file.</summary>
    /// <exception cref="DllNotFoundException">No librdkafka loads; the message says what to do.</exception>
    public static void EnsureLoaded()
    {
        if (s_loaded)
            return;

        lock (s_gate)
        {
            if (s_loaded)
                return;

            try
            {
                // Reading the version makes Confluent.Kafka pick and load its native library.
                _ = Confluent.Kafka.Library.Version;
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
            {
                throw new DllNotFoundException($"{InstallHint} ({e.Message})", e);
            }

            LoadedPath = FindLoadedPath();
            s_handle = LoadedPath is not null
                ? NativeLibrary.Load(LoadedPath)
                : throw new DllNotFoundException($"{InstallHint} (Confluent.Kafka loaded librdkafka, but no mapped file named *librdkafka*.so* was found in /proc/self/maps)");
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLoader).Assembly, Resolve);
            s_loaded = true;
        }
    }

    /// <summary>The file Confluent.Kafka loaded, e.g. <c>.../runtimes/linux-x64/native/centos8-librdkafka.so</c>.</summary>
    public static string? LoadedPath { get; private set; }

    /// <summary>The librdkafka version string, e.g. "2.16.0".</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_version_str()) ?? "unknown";
        }
    }

    // The process's own memory map names every shared object loaded; dlopen of the same path returns the same handle.
    private static string? FindLoadedPath()
    {
        if (!File.Exists("/proc/self/maps"))
            return null;

        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
                continue;
            var path = line[slash..];
            var name = Path.GetFileName(path);
            if (name.Contains("librdkafka", StringComparison.Ordinal) && name.Contains(".so", StringComparison.Ordinal))
                return path;
        }

        return null;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName.StartsWith(LibraryName, StringComparison.Ordinal) ? s_handle : IntPtr.Zero;
}
