// Stable identities for imported events, made from the log's own identifiers (message and request ids, line uuids,
// tool-call ids) or the line's position, hashed so that the store holds no identifier of the log, only
// a digest. The same log line gives the same event_id on every machine and every run, which is what makes imports
// idempotent and lets stores from several machines be merged. The digest is two XXH64 hashes (seeds 0 and 1) of the
// parts; the first is the key the importer remembers (ImportSeenSet), and a collision between two of a user's events
// is about 1 in 10^7 at 10^6 events.
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZosTelemetry.Import;

public readonly record struct ImportKey(ulong Value)
{
    /// <summary>The event_id stored with the event: a prefix naming source and kind, then 24 hex digits (96 bits).</summary>
    public static string EventId(string prefix, ReadOnlySpan<byte> digest) =>
        string.Concat(prefix, Hex(digest[..12]));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}

public static class ImportKeys
{
    private const int StackLimit = 512;

    /// <summary>Digests the parts joined by NUL (which none of them can contain in a JSON-decoded identifier).</summary>
    public static (string EventId, ImportKey Key) Make(string prefix, params ReadOnlySpan<string?> parts)
    {
        Span<byte> digest = stackalloc byte[16];
        Digest(prefix, parts, digest);
        return (ImportKey.EventId(prefix, digest), new ImportKey(BinaryPrimitives.ReadUInt64BigEndian(digest)));
    }

    /// <summary>A key that is never stored as an event id (session and replay markers of the seen set).</summary>
    public static ImportKey KeyOnly(string prefix, params ReadOnlySpan<string?> parts)
    {
        Span<byte> digest = stackalloc byte[16];
        Digest(prefix, parts, digest);
        return new ImportKey(BinaryPrimitives.ReadUInt64BigEndian(digest));
    }

    /// <summary>
    /// The keys of an event_id written by an importer, read back from the store: "cc:m:" + 24 hex digits, and for a
    /// Claude Code response "." + the 16 hex digits of its replay key. False for ids of other writers.
    /// </summary>
    public static bool TryKeysOfEventId(string? eventId, out ImportKey key, out ImportKey? replay)
    {
        key = default;
        replay = null;
        const int HexStart = 5;
        if (eventId is null || eventId.Length < HexStart + 24 || eventId[4] != ':'
            || !(eventId.StartsWith("cc:", StringComparison.Ordinal) || eventId.StartsWith("cx:", StringComparison.Ordinal))
            || !TryHex64(eventId.AsSpan(HexStart, 16), out ulong value))
        {
            return false;
        }

        key = new ImportKey(value);
        if (eventId.Length == HexStart + 24 + 1 + 16 && eventId[HexStart + 24] == '.' && TryHex64(eventId.AsSpan(HexStart + 25, 16), out ulong r))
        {
            replay = new ImportKey(r);
        }

        return true;
    }

    /// <summary>An event_id that also carries the replay key, so that it can be recovered from the store.</summary>
    public static string WithReplay(string eventId, ImportKey replay) =>
        string.Concat(eventId, ".", replay.Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));

    private static bool TryHex64(ReadOnlySpan<char> hex, out ulong value) =>
        ulong.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value);

    private static void Digest(string prefix, ReadOnlySpan<string?> parts, Span<byte> digest)
    {
        int length = Encoding.UTF8.GetByteCount(prefix);
        foreach (string? p in parts)
        {
            length += 1 + (p is null ? 0 : Encoding.UTF8.GetByteCount(p));
        }

        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> input = rented ?? stackalloc byte[StackLimit];
        int at = Encoding.UTF8.GetBytes(prefix, input);
        foreach (string? p in parts)
        {
            input[at++] = 0;
            if (p is not null)
            {
                at += Encoding.UTF8.GetBytes(p, input[at..]);
            }
        }

        BinaryPrimitives.WriteUInt64BigEndian(digest, Xxh64.Hash(input[..at]));
        BinaryPrimitives.WriteUInt64BigEndian(digest[8..], Xxh64.Hash(input[..at], seed: 1));
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
