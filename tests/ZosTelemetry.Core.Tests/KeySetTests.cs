// KeySet, the scans' set of 128-bit keys, against HashSet<UInt128>: same membership and count, zero included.
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class KeySetTests
{
    [Fact]
    public void Add_RandomKeysWithRepeats_SameAnswersAndCountAsHashSet()
    {
        var rng = new Random(5);
        var set = new KeySet();
        var reference = new HashSet<UInt128>();
        for (int i = 0; i < 50_000; i++)
        {
            // Few distinct high halves and low halves, so keys collide in the table and repeat often.
            var key = new UInt128((ulong)rng.Next(300), (ulong)rng.Next(300) << 4);

            Assert.Equal(reference.Add(key), set.Add(key));
        }

        Assert.Equal(reference.Count, set.Count);
    }

    [Fact]
    public void Add_ZeroKey_CountedOnce()
    {
        var set = new KeySet();

        Assert.True(set.Add(UInt128.Zero));
        Assert.False(set.Add(UInt128.Zero));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void UnionWith_OverlappingSets_CountsEachKeyOnce()
    {
        var a = new KeySet();
        var b = new KeySet();
        for (ulong i = 0; i < 1000; i++)
        {
            a.Add(i);
            b.Add(i + 500);
        }

        a.UnionWith(b);

        Assert.Equal(1500, a.Count);
    }
}
