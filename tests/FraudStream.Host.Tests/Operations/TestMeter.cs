namespace FraudStream.Host.Tests.Operations;

/// <summary>Meter names private to one test, so a collector listening to that prefix sees no other test's instruments.</summary>
internal static class TestMeter
{
    public static string UniqueName() => $"FraudStream.Tests.{Guid.NewGuid():N}";
}
