// The one way rows reach the store: under the store's lock, each month file's rows in one write, and the whole batch
// taken back if any file of it fails, so a refused or failed append leaves every file exactly as it was.
using System.Buffers;

namespace ZosTelemetry.Store;

internal static class LockedAppend
{
    /// <summary>
    /// Appends rows to one file (its name relative to the root): a single event's path, which needs neither the map of
    /// month buffers nor a list of undos, since AppendLines takes back its own failed write.
    /// </summary>
    public static void Write(string root, TimeSpan lockTimeout, string file, ReadOnlySpan<byte> rows, IStoreObserver? observer = null)
    {
        StoreFiles.EnsureRoot(root);
        using var @lock = StoreLock.Acquire(root, lockTimeout, observer);
        StoreFiles.AppendLines(Path.Combine(root, file), rows);
    }

    /// <summary>Appends each buffer to its file (names relative to the root), all or nothing as far as the file system allows.</summary>
    public static void Write(string root, TimeSpan lockTimeout, IEnumerable<KeyValuePair<string, ArrayBufferWriter<byte>>> buffers, IStoreObserver? observer = null)
    {
        StoreFiles.EnsureRoot(root);
        using var @lock = StoreLock.Acquire(root, lockTimeout, observer);
        var done = new List<AppendUndo>();
        try
        {
            foreach (var (file, buffer) in buffers)
            {
                done.Add(StoreFiles.AppendLines(Path.Combine(root, file), buffer.WrittenSpan));
            }
        }
        catch (StoreException)
        {
            for (int i = done.Count - 1; i >= 0; i--)
            {
                StoreFiles.Undo(done[i]);
            }

            throw;
        }
    }
}
