using System.Reflection;
using System.Runtime.InteropServices;

namespace FraudStream.Scoring.Model;

/// <summary>
/// Binds FraudStream's XGBoost imports to Debian's <c>libxgboost.so.0</c> (package libxgboost0). Debian
/// ships no unversioned <c>libxgboost.so</c> without the -dev package, so the process maps the name itself.
/// </summary>
/// <remarks>
/// .NET allows one import resolver per assembly: a later native import in FraudStream.Scoring must be
/// routed through <see cref="Resolve"/> rather than register a resolver of its own.
/// </remarks>
public static class XGBoostLoader
{
    internal const string LibraryName = "libxgboost";

    /// <summary>What to tell a user whose machine lacks the native library.</summary>
    public const string InstallHint = "libxgboost is not installed: run deploy/setup.sh (it installs Debian's libxgboost0)";

    private static readonly Lock s_gate = new();
    private static IntPtr s_handle;
    private static volatile bool s_loaded;

    /// <summary>Loads libxgboost once and routes FraudStream.Scoring's imports of it to that handle.</summary>
    /// <exception cref="DllNotFoundException">libxgboost is not installed; the message says how to install it.</exception>
    public static void EnsureLoaded()
    {
        if (s_loaded)
            return;

        lock (s_gate)
        {
            if (s_loaded)
                return;

            if (!NativeLibrary.TryLoad("libxgboost.so.0", out s_handle))
                throw new DllNotFoundException(InstallHint);
            NativeLibrary.SetDllImportResolver(typeof(XGBoostLoader).Assembly, Resolve);
            s_loaded = true;
        }
    }

    /// <summary>The native library's version, e.g. "1.7.4".</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            XGBoostNative.XGBoostVersion(out var major, out var minor, out var patch);
            return $"{major}.{minor}.{patch}";
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName == LibraryName ? s_handle : IntPtr.Zero;
}
