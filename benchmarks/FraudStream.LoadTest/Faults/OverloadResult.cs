namespace FraudStream.LoadTest.Faults;

/// <summary>The overload scenario's samples: live heap against its bound from the buffers, working set, lag; and what the buffers hold, to tell an overload from a burst they absorbed.</summary>
internal sealed record OverloadResult(long BaselineHeapBytes, long MaxHeapBytes, long BoundHeapBytes, long MaxWorkingSetBytes, long MaxCallerLag, long MaxCalleeLag, long LagAfter, int Samples, long BufferedRecords);
