// The frame both binary sidecars (daily facts, session summaries) share: their magic line first, their body, and an
// XXH64 of everything before it in the last 8 bytes, so a torn or damaged file is never read as facts.
using System.Buffers.Binary;
using ZosTelemetry.Store;

namespace ZosTelemetry.Facts;

internal static class SidecarFrame
{
    public const int ChecksumBytes = 8;

    /// <summary>
    /// The bytes of a sidecar that starts with <paramref name="magic"/>, is at least <paramref name="headerBytes"/> plus
    /// the checksum long and whose checksum matches; null when it is missing, not a regular file, unreadable, short or
    /// damaged.
    /// </summary>
    public static byte[]? TryRead(string path, ReadOnlySpan<byte> magic, int headerBytes)
    {
        byte[] bytes;
        try
        {
            StoreFileGuard.EnsureRegularOrMissing(path); // a fifo or a device is refused, never read
            if (!File.Exists(path))
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotRegularFileException)
        {
            return null;
        }

        bool intact = bytes.Length >= headerBytes + ChecksumBytes && bytes.AsSpan().StartsWith(magic)
            && BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - ChecksumBytes)) == Checksum(bytes);
        return intact ? bytes : null;
    }

    /// <summary>Fills the last 8 bytes of <paramref name="bytes"/> with the checksum and writes the file atomically, private.</summary>
    public static void Write(string path, byte[] bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - ChecksumBytes), Checksum(bytes));
        AtomicFile.WriteAllBytes(path, bytes, PrivateFiles.FileMode);
    }

    private static ulong Checksum(byte[] bytes) => Import.Xxh64.Hash(bytes.AsSpan(0, bytes.Length - ChecksumBytes));
}
