using Microsoft.Win32.SafeHandles;

namespace FraudStream.Scoring.Model;

/// <summary>An XGBoost <c>BoosterHandle</c>; its reference count keeps a disposal from freeing a booster a prediction still uses.</summary>
internal sealed class BoosterSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BoosterSafeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => XGBoostNative.XGBoosterFree(handle) == 0;
}
