// Stable hashes of identifiers as stored (their UTF-8 bytes): 64 bits for the on-disk session index, where a collision
// only costs a row read that is then checked, and 128 bits where an in-memory set counts or de-duplicates ids
// without a string per row (a collision among a billion ids has a probability of about 10^-21).
using System.Buffers.Binary;
using System.Numerics;

namespace ZosTelemetry.Store;

internal static class KeyHash
{
    private const ulong K1 = 0x87C37B91114253D5;
    private const ulong K2 = 0x4CF5AD432745937F;

    public static ulong Hash64(ReadOnlySpan<byte> data) => Hash(data, 0x9E3779B97F4A7C15, K1, K2);

    public static UInt128 Hash128(ReadOnlySpan<byte> data) =>
        new(Hash(data, 0x9E3779B97F4A7C15, K1, K2), Hash(data, 0xC2B2AE3D27D4EB4F, K2, K1));

    private static ulong Hash(ReadOnlySpan<byte> data, ulong seed, ulong m1, ulong m2)
    {
        ulong h = seed ^ ((ulong)data.Length * m2);
        while (data.Length >= 8)
        {
            h = Round(h, BinaryPrimitives.ReadUInt64LittleEndian(data), m1, m2);
            data = data[8..];
        }

        if (!data.IsEmpty)
        {
            ulong tail = 0;
            for (int i = data.Length - 1; i >= 0; i--)
            {
                tail = (tail << 8) | data[i];
            }

            h = Round(h, tail, m1, m2);
        }

        return Finish(h);
    }

    private static ulong Round(ulong h, ulong word, ulong m1, ulong m2) =>
        (BitOperations.RotateLeft(h ^ (BitOperations.RotateLeft(word * m1, 31) * m2), 27) * 5) + 0x52DCE729;

    // MurmurHash3's finaliser: every input bit affects every output bit.
    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return h;
    }
}
