using Microsoft.Win32.SafeHandles;

namespace FraudStream.Scoring.Model;

/// <summary>An XGBoost <c>DMatrixHandle</c> (training data, or one row for contributions).</summary>
internal sealed class DMatrixSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DMatrixSafeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => XGBoostNative.XGDMatrixFree(handle) == 0;
}
