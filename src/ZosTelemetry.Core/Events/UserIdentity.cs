// The only form in which a user identity may enter the store: a keyed hash (HMAC-SHA256 with the store's secret,
// Store/UserKey), so team exports can group by person without naming anyone, and a guessed name cannot be confirmed
// from the store without the key. An unkeyed hash could be: anyone can hash "alice" and look for it.
using System.Security.Cryptography;
using System.Text;

namespace ZosTelemetry.Events;

public static class UserIdentity
{
    /// <summary>The first 16 lower-case hex characters of HMAC-SHA256(key, the identity's UTF-8 bytes).</summary>
    public static string Hash(ReadOnlySpan<byte> key, string identity)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        if (key.Length < 16)
        {
            throw new ArgumentException("A user key has at least 16 bytes.", nameof(key));
        }

        byte[] digest = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identity));
        return Convert.ToHexString(digest, 0, 8).ToLowerInvariant();
    }
}
