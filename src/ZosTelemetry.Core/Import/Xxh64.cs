// XXH64 (Yann Collet's xxHash, 64-bit), for the importer's event identities and file digests: stable across machines
// and runs, and far cheaper per call than a cryptographic hash, which matters at a million log lines. Not a security
// boundary: it only has to tell different identifiers apart.
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ZosTelemetry.Import;

internal static class Xxh64
{
    private const ulong P1 = 11400714785074694791UL;
    private const ulong P2 = 14029467366897019727UL;
    private const ulong P3 = 1609587929392839161UL;
    private const ulong P4 = 9650029242287828579UL;
    private const ulong P5 = 2870177450012600261UL;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Hash(ReadOnlySpan<byte> input, ulong seed = 0)
    {
        int length = input.Length;
        int i = 0;
        ulong h;
        if (length >= 32)
        {
            ulong v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
            do
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(input[i..]));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(input[(i + 8)..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(input[(i + 16)..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(input[(i + 24)..]));
                i += 32;
            }
            while (i <= length - 32);

            h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            h = Merge(h, v1);
            h = Merge(h, v2);
            h = Merge(h, v3);
            h = Merge(h, v4);
        }
        else
        {
            h = seed + P5;
        }

        h += (ulong)length;
        for (; i + 8 <= length; i += 8)
        {
            h ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(input[i..]));
            h = (BitOperations.RotateLeft(h, 27) * P1) + P4;
        }

        if (i + 4 <= length)
        {
            h ^= BinaryPrimitives.ReadUInt32LittleEndian(input[i..]) * P1;
            h = (BitOperations.RotateLeft(h, 23) * P2) + P3;
            i += 4;
        }

        for (; i < length; i++)
        {
            h ^= input[i] * P5;
            h = BitOperations.RotateLeft(h, 11) * P1;
        }

        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        h ^= h >> 32;
        return h;
    }

    private static ulong Round(ulong acc, ulong input) => BitOperations.RotateLeft(acc + (input * P2), 31) * P1;

    private static ulong Merge(ulong acc, ulong value) => ((acc ^ Round(0, value)) * P1) + P4;
}
