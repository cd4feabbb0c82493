// Maps 128-bit keys (hashes of session ids) to small integers for the per-row hot path of scans: open addressing
// with linear probing, no allocation per key. Dictionary<UInt128, int> would do the same job, but a one-shot scan
// ends before tiered compilation optimises a generic collection over our key, and a million look-ups in tier-0 code
// cost more than the parse.

namespace ZosTelemetry.Store;

internal sealed class KeyTable
{
    // Key and value side by side, so a look-up touches one cache line, not two arrays.
    private Slot[] slots;

    public KeyTable(int expected = 16)
    {
        int capacity = 16;
        while (capacity < expected * 4 / 3 + 1 && capacity < (1 << 30))
        {
            capacity <<= 1;
        }

        slots = NewSlots(capacity);
    }

    public int Count { get; private set; }

    /// <summary>The value slot of the key, added (holding -1) when the key is new.</summary>
    public ref int GetOrAdd(UInt128 key, out bool added)
    {
        if ((Count + 1) * 4 > slots.Length * 3)
        {
            Grow();
        }

        int mask = slots.Length - 1;
        int i = Home(key, mask);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Value == -1)
            {
                slot.Key = key;
                Count++;
                added = true;
                return ref slot.Value;
            }

            if (slot.Key == key)
            {
                added = false;
                return ref slot.Value;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>The value of the key, or -1.</summary>
    public int Get(UInt128 key)
    {
        int mask = slots.Length - 1;
        int i = Home(key, mask);
        while (slots[i].Value != -1)
        {
            if (slots[i].Key == key)
            {
                return slots[i].Value;
            }

            i = (i + 1) & mask;
        }

        return -1;
    }

    private static Slot[] NewSlots(int capacity)
    {
        var slots = new Slot[capacity];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i].Value = -1;
        }

        return slots;
    }

    private void Grow()
    {
        Slot[] old = slots;
        slots = NewSlots(old.Length * 2);
        Count = 0;
        foreach (var slot in old)
        {
            if (slot.Value != -1)
            {
                GetOrAdd(slot.Key, out _) = slot.Value;
            }
        }
    }

    // Both halves mixed: keys are hashes already, but poor ones must not pile up in one run of slots.
    private static int Home(UInt128 key, int mask) =>
        (int)(((((ulong)key * 0x9E3779B97F4A7C15) ^ (ulong)(key >> 64)) * 0xC2B2AE3D27D4EB4F) >> 32) & mask;

    private struct Slot
    {
        public UInt128 Key;
        public int Value;
    }
}
