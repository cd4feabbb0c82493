// The only form in which a user identity may enter the store: a truncated SHA-256, so team exports can group by
// person without naming anyone.
using System.Security.Cryptography;
using System.Text;

namespace ZosTelemetry.Events;

public static class UserIdentity
{
    /// <summary>The first 16 lower-case hex characters of the SHA-256 of the identity's UTF-8 bytes.</summary>
    public static string Hash(string identity)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return Convert.ToHexString(digest, 0, 8).ToLowerInvariant();
    }
}
