using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FraudStream.Scoring.Memory;

/// <summary>
/// Large arrays that are read at random (the per-number state table, the pair table), pinned and backed by 2 MiB
/// transparent huge pages where Linux allows it. Every event looks up a number's slot anywhere in an array of up to a
/// gigabyte or more; with 4 KiB pages each such lookup also misses the TLB, and in a virtual machine a TLB miss walks
/// two page tables. Debian's default (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> = <c>madvise</c>) gives
/// huge pages only to memory that asks for them, which is what <c>madvise(MADV_HUGEPAGE)</c> does here. Elsewhere, or
/// if the kernel refuses, the array is an ordinary pinned one: the advice is an optimisation, never a requirement.
/// </summary>
internal static partial class HugePageArray
{
    private const int MadvHugePage = 14;
    private const nuint HugePage = 2 * 1024 * 1024;

    /// <summary>A zeroed, pinned array of <paramref name="length"/> elements, huge pages advised for its whole 2 MiB spans.</summary>
    public static T[] Allocate<T>(int length)
        where T : unmanaged
    {
        var array = GC.AllocateArray<T>(length, pinned: true);
        if (OperatingSystem.IsLinux() && (nuint)length * (nuint)Unsafe.SizeOf<T>() >= 2 * HugePage)
            Advise(array);
        return array;
    }

    private static unsafe void Advise<T>(T[] array)
        where T : unmanaged
    {
        // The GC has not touched a fresh large array's pages yet, so they fault in as huge pages from here on.
        var start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var end = start + ((nuint)array.Length * (nuint)sizeof(T));
        var first = (start + HugePage - 1) & ~(HugePage - 1);
        var last = end & ~(HugePage - 1);
        if (last > first)
            _ = madvise(first, last - first, MadvHugePage);
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int madvise(nuint address, nuint length, int advice);
}
