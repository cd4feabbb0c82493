// The repeat signal for hook capture (append --mark-stdin, Add-TelemetryEvent -MarkText), where each turn is a new
// process: the only state kept between turns is one small file per session under <root>/turns/, named by a hash
// of the session id, holding that session's random salt and the previous user turn's fingerprint (TurnFingerprint:
// at most 64 salted 16-bit shingle hashes and a token count). No word, no length in characters, no order of words.
// Closing the session deletes its file. Layout: "ZT1" magic, salt (8 bytes), tokens (4), count (2), values (2 each).
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ZosTelemetry.Store;

namespace ZosTelemetry.Detection;

public static class TurnStateFiles
{
    public const string DirectoryName = "turns";

    private static ReadOnlySpan<byte> Magic => "ZT1"u8;

    /// <summary>
    /// Detects one user turn with the repeat signal against the session's stored previous turn, then stores this
    /// turn's fingerprint in its place. Version 1 has no repeat signal and touches no file.
    /// </summary>
    public static CorrectionResult Detect(string root, string sessionId, string? text, int version)
    {
        if (version < 2 || !IsValidSessionId(sessionId))
        {
            // A refused session id is reported by the append, which writes nothing: no state is kept for it either.
            return CorrectionDetector.Detect(text, version);
        }

        string path = PathOf(root, sessionId);
        var previous = TryRead(path);
        ulong salt = previous?.Salt ?? TurnFingerprint.NewSalt();
        var result = CorrectionDetector.Detect(text, version, previous, out var fingerprint, salt);
        if (fingerprint is not null)
        {
            try
            {
                Write(root, path, fingerprint);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreException)
            {
                // The repeat signal is optional: a state that cannot be saved costs the next turn's comparison, not the event.
            }
        }

        return result;
    }

    /// <summary>Forgets a session's previous turn (its session is closed).</summary>
    public static void Forget(string root, string sessionId)
    {
        try
        {
            File.Delete(PathOf(root, sessionId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // left for the next close; it holds no text
        }
    }

    private static bool IsValidSessionId(string sessionId)
    {
        try
        {
            Events.EventValidator.ValidateSessionId(sessionId);
            return true;
        }
        catch (Events.TelemetryValidationException)
        {
            return false;
        }
    }

    public static string PathOf(string root, string sessionId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(sessionId), hash);
        return Path.Combine(root, DirectoryName, Convert.ToHexString(hash[..16]).ToLowerInvariant() + ".bin");
    }

    private static TurnFingerprint? TryRead(string path)
    {
        // Read like every store file (StoreFileGuard): a link or a pipe put in its place is refused, never followed or
        // waited on, and no more than a state's largest size is read.
        var bytes = new byte[17 + (TurnFingerprint.MaxShingles * 2) + 1];
        int length = 0;
        try
        {
            using var stream = StoreFileGuard.OpenRead(path);
            int n;
            while (length < bytes.Length && (n = stream.Read(bytes, length, bytes.Length - length)) > 0)
            {
                length += n;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreException)
        {
            return null;
        }

        bytes = bytes[..length];

        if (bytes.Length < 17 || !bytes.AsSpan(0, 3).SequenceEqual(Magic))
        {
            return null;
        }

        ulong salt = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(3));
        int tokens = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(11));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(15));
        if (count > TurnFingerprint.MaxShingles || bytes.Length != 17 + (count * 2))
        {
            return null;
        }

        var values = new ushort[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(17 + (i * 2)));
        }

        return TurnFingerprint.FromValues(salt, tokens, values);
    }

    private static void Write(string root, string path, TurnFingerprint f)
    {
        StoreOwnership.EnsureWritable(root); // as every writer: nothing is created in another user's store
        PrivateFiles.CreateDirectory(root);
        PrivateFiles.CreateDirectory(Path.Combine(root, DirectoryName));
        var values = f.Values;
        var bytes = new byte[17 + (values.Length * 2)];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(3), f.Salt);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(11), f.Tokens);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(15), (ushort)values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(17 + (i * 2)), values[i]);
        }

        AtomicFile.WriteAllBytes(path, bytes, PrivateFiles.FileMode);
    }
}
