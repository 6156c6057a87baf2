using System.Globalization;
using System.Runtime.InteropServices;
using FraudStream.Scoring.Memory;

namespace FraudStream.Scoring.Tests.Memory;

public class HugePageArrayTests
{
    [Test]
    public void A_large_array_is_zeroed_pinned_and_advised_for_huge_pages()
    {
        var array = HugePageArray.Allocate<ulong>(1 << 20); // 8 MiB: whole 2 MiB spans inside it
        Assert.That(array, Has.Length.EqualTo(1 << 20));
        Assert.That(array.All(v => v == 0), Is.True);

        var address = Address(array);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.That(Address(array), Is.EqualTo(address), "a pinned array does not move in a compacting collection");

        var middle = address + (4UL << 20);
        Assert.That(VmFlags(middle), Does.Contain("hg"), "the mapping holding the array's middle is advised (MADV_HUGEPAGE sets VmFlags 'hg')");
    }

    [Test]
    public void A_small_array_is_pinned_and_left_alone()
    {
        var array = HugePageArray.Allocate<ulong>(1024);
        Assert.That(array, Has.Length.EqualTo(1024));
        var address = Address(array);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.That(Address(array), Is.EqualTo(address));
    }

    private static ulong Address(ulong[] array) => (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);

    // The VmFlags line of the /proc/self/smaps mapping that holds address.
    private static string VmFlags(ulong address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            if (dash > 0 && line.IndexOf(' ') > dash && ulong.TryParse(line[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(line[(dash + 1)..line.IndexOf(' ')], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                inside = address >= start && address < end;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return "(no mapping holds the address)";
    }
}
