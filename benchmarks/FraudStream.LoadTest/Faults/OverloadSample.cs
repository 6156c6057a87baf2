namespace FraudStream.LoadTest.Faults;

/// <summary>One sample of <see cref="OverloadProbe"/>: seconds since it started, live heap and working set in bytes, lag per stage in records.</summary>
internal readonly record struct OverloadSample(double Seconds, long HeapBytes, long WorkingSetBytes, long CallerLag, long CalleeLag);
