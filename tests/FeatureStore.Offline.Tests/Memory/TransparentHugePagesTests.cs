using FeatureStore.Offline.Memory;

namespace FeatureStore.Offline.Tests.Memory;

public sealed class TransparentHugePagesTests
{
    [Fact]
    public void OnlyLargeAnonymousPrivateMappingsAreChosen()
    {
        string[] maps =
        [
            "7f4be9c01000-7f57ac000000 ---p 00000000 00:00 0 ",
            "7f57c35b0000-7f5841000000 rw-p 00000000 00:00 0",
            "7f5900000000-7f5900100000 rw-p 00000000 00:00 0",
            "7f6000000000-7f6100000000 r--p 00000000 08:01 1234 /usr/share/dotnet/big.dll",
            "7f7000000000-7f7100000000 rw-s 00000000 00:01 77 /dev/shm/x",
            "55af60000000-55af70000000 rw-p 00000000 00:00 0 [heap]",
            "garbage line",
        ];

        var chosen = TransparentHugePages.LargeAnonymousMappings(maps).Select(m => ((long)m.Start, (long)m.Length)).ToList();

        Assert.Equal([(0x7f4be9c01000L, 0x7f57ac000000L - 0x7f4be9c01000L), (0x7f57c35b0000L, 0x7f5841000000L - 0x7f57c35b0000L)], chosen);
    }

    [Fact]
    public void TheGcHeapIsAdvisedWhereTheKernelAsksForAdvice()
    {
        const string modeFile = "/sys/kernel/mm/transparent_hugepage/enabled";
        var madviseMode = OperatingSystem.IsLinux() && File.Exists(modeFile) && File.ReadAllText(modeFile).Contains("[madvise]", StringComparison.Ordinal)
            && !string.Equals(Environment.GetEnvironmentVariable(TransparentHugePages.EnvironmentVariable), "off", StringComparison.OrdinalIgnoreCase);

        var advised = TransparentHugePages.AdviseGcHeap();

        if (!madviseMode)
        {
            Assert.Equal(0, advised);
            return;
        }

        Assert.True(advised >= 1L << 30, $"advised {advised} bytes");
        // The kernel records the advice as the "hg" flag of the mapping (smaps VmFlags).
        var flagged = false;
        var large = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (char.IsAsciiHexDigit(line[0]) && line.Contains('-'))
            {
                var range = line.Split(' ')[0].Split('-');
                large = Convert.ToUInt64(range[1], 16) - Convert.ToUInt64(range[0], 16) >= 1UL << 30;
            }
            else if (large && line.StartsWith("VmFlags:", StringComparison.Ordinal) && line.Split(' ').Contains("hg"))
            {
                flagged = true;
            }
        }

        Assert.True(flagged, "no mapping of 1 GiB or more carries the hg (MADV_HUGEPAGE) flag");
    }
}
