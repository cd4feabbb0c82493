// A set of 128-bit keys (hashes of session ids) for the per-row hot path of scans: open addressing with linear
// probing. HashSet<UInt128> would do the same job, but a one-shot scan ends before tiered compilation optimises a
// generic collection over our key, and its tier-0 code is slow.

namespace ZosTelemetry.Store;

internal sealed class KeySet
{
    private UInt128[] slots = new UInt128[16];
    private bool hasZero;

    public int Count { get; private set; }

    public bool Add(UInt128 key)
    {
        if (key == UInt128.Zero)
        {
            // Zero marks an empty slot, so the (astronomically unlikely) zero key is kept aside.
            if (hasZero)
            {
                return false;
            }

            hasZero = true;
            Count++;
            return true;
        }

        if ((Count + 1) * 4 > slots.Length * 3)
        {
            Grow();
        }

        int mask = slots.Length - 1;
        int i = Home(key, mask);
        while (true)
        {
            UInt128 slot = slots[i];
            if (slot == key)
            {
                return false;
            }

            if (slot == UInt128.Zero)
            {
                slots[i] = key;
                Count++;
                return true;
            }

            i = (i + 1) & mask;
        }
    }

    public void UnionWith(KeySet other)
    {
        if (other.hasZero)
        {
            Add(UInt128.Zero);
        }

        foreach (var key in other.slots)
        {
            if (key != UInt128.Zero)
            {
                Add(key);
            }
        }
    }

    private void Grow()
    {
        var old = slots;
        slots = new UInt128[old.Length * 2];
        int count = Count;
        Count = hasZero ? 1 : 0;
        foreach (var key in old)
        {
            if (key != UInt128.Zero)
            {
                Add(key);
            }
        }

        System.Diagnostics.Debug.Assert(Count == count);
    }

    // Both halves mixed: keys are hashes already, but poor ones must not pile up in one run of slots.
    private static int Home(UInt128 key, int mask) =>
        (int)(((((ulong)key * 0x9E3779B97F4A7C15) ^ (ulong)(key >> 64)) * 0xC2B2AE3D27D4EB4F) >> 32) & mask;
}
