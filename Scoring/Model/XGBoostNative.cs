using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace FraudStream.Scoring.Model;

/// <summary>
/// The part of XGBoost's C API (xgboost/c_api.h, 1.7) FraudStream uses. Every function but
/// <see cref="XGBoostVersion"/> returns 0 on success and -1 on failure, with the reason in
/// <see cref="XGBGetLastError"/> (thread-local in XGBoost); <see cref="Check"/> turns that into an
/// <see cref="XGBoostException"/>. Strings XGBoost reads are NUL-terminated UTF-8; the hot path passes
/// them as pointers to avoid marshalling.
/// </summary>
internal static unsafe partial class XGBoostNative
{
    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial IntPtr XGBGetLastError();

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial void XGBoostVersion(out int major, out int minor, out int patch);

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGDMatrixCreateFromMat(float* data, ulong rowCount, ulong columnCount, float missing, out DMatrixSafeHandle matrix);

    [LibraryImport(XGBoostLoader.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGDMatrixSetFloatInfo(DMatrixSafeHandle matrix, string field, float* values, ulong length);

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGDMatrixFree(IntPtr matrix);

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterCreate(IntPtr* cachedMatrices, ulong length, out BoosterSafeHandle booster);

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterFree(IntPtr booster);

    [LibraryImport(XGBoostLoader.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetParam(BoosterSafeHandle booster, string name, string value);

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterUpdateOneIter(BoosterSafeHandle booster, int iteration, DMatrixSafeHandle trainingMatrix);

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterGetNumFeature(BoosterSafeHandle booster, out ulong featureCount);

    /// <remarks>The result lives in XGBoost's thread-local storage until this thread's next call: copy it.</remarks>
    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterSaveModelToBuffer(BoosterSafeHandle booster, byte* config, out ulong length, out byte* data);

    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterLoadModelFromBuffer(BoosterSafeHandle booster, byte* data, ulong length);

    /// <remarks>In-place prediction over an <c>__array_interface__</c> JSON; the result is thread-local, copy it.</remarks>
    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterPredictFromDense(
        BoosterSafeHandle booster, byte* arrayInterface, byte* config, IntPtr proxyMatrix, out ulong* shape, out ulong dimensions, out float* result);

    /// <remarks>The result is thread-local, copy it.</remarks>
    [LibraryImport(XGBoostLoader.LibraryName)]
    internal static partial int XGBoosterPredictFromDMatrix(
        BoosterSafeHandle booster, DMatrixSafeHandle matrix, byte* config, out ulong* shape, out ulong dimensions, out float* result);

    /// <summary>Throws the <see cref="XGBoostException"/> for a non-zero return code of <paramref name="function"/>.</summary>
    internal static void Check(int returnCode, string function)
    {
        if (returnCode != 0)
            ThrowLastError(function);
    }

    [DoesNotReturn]
    internal static void ThrowLastError(string function)
        => throw new XGBoostException($"{function} failed: {LastError()}");

    /// <summary>XGBoost's error text for this thread, without the native backtrace it appends.</summary>
    internal static string LastError()
    {
        var text = Marshal.PtrToStringUTF8(XGBGetLastError());
        if (string.IsNullOrWhiteSpace(text))
            return "no error text from XGBoost";
        var backtrace = text.IndexOf("Stack trace:", StringComparison.Ordinal);
        return (backtrace < 0 ? text : text[..backtrace]).Trim();
    }
}
