// The store's secret for keyed user hashes (user.key under the root: 32 random bytes as 64 hex digits). Created
// private (0600, or an owner-only ACL) the first time a user name is hashed, never before; export never reads it and
// merge copies it only when asked. Stores that should group the same person alike share one key on purpose: copy
// the file (README "Sharing a user key").
using System.Security.Cryptography;
using System.Text;

namespace ZosTelemetry.Store;

public static class UserKey
{
    public const string FileName = "user.key";
    public const int KeyBytes = 32;

    /// <summary>The store's key, created on first use.</summary>
    public static byte[] LoadOrCreate(string root)
    {
        if (TryLoad(root) is byte[] key)
        {
            return key;
        }

        StoreFiles.EnsureRoot(root);
        return Install(root, RandomNumberGenerator.GetBytes(KeyBytes));
    }

    /// <summary>The store's key, or null when it has none yet.</summary>
    public static byte[]? TryLoad(string root)
    {
        string path = Path.Combine(root, FileName);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot read {path}: {ex.Message}", ex);
        }

        try
        {
            byte[] key = Convert.FromHexString(text);
            return key.Length >= 16 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new StoreException($"{path} is not a user key (expected 64 hex digits); restore it, or delete it to start a new key (user hashes made with the old one will no longer match).");
        }
    }

    /// <summary>
    /// Writes a key where there is none (a merge target adopting its source's key, on request). An existing key is
    /// kept: whichever writer installs first wins, and every other reads that one.
    /// </summary>
    public static byte[] Install(string root, byte[] key)
    {
        string path = Path.Combine(root, FileName);
        string temp = Path.Combine(root, $".{FileName}.{Guid.NewGuid():N}{AtomicFile.TempSuffix}");
        try
        {
            using (var stream = PrivateFiles.OpenOrCreate(temp, FileShare.None))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(key).ToLowerInvariant() + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return TryLoad(root)!;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new StoreException($"Cannot write {path}: {ex.Message}", ex);
        }
    }
}
