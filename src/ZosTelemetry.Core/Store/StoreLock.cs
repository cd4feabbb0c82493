// The store's writer lock: one lock file opened with FileShare.None. .NET turns that into flock(LOCK_EX) on Unix
// (per open file description, so it excludes threads of one process as well as other processes) and into a
// sharing-mode lock on Windows, where nothing else can even open the file while it is held (an indexer or a
// virus scanner opening it briefly looks like another writer, so it is waited for too). Both are released by the
// OS when the holder dies, so a killed writer never leaves the store locked. Waiting is bounded: a hook must never
// hang its host. Only a held lock is waited for; any other failure to open the file is reported at once.
using System.Diagnostics;

namespace ZosTelemetry.Store;

internal sealed class StoreLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream stream;

    private StoreLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static StoreLock Acquire(string root, TimeSpan timeout)
    {
        string path = Path.Combine(root, FileName);
        var clock = Stopwatch.StartNew();
        int delayMs = 1;
        while (true)
        {
            try
            {
                return new StoreLock(PrivateFiles.OpenOrCreate(path, FileShare.None));
            }
            catch (IOException ex) when (PrivateFiles.IsHeldByAnother(ex) && clock.Elapsed < timeout)
            {
                Thread.Sleep(delayMs);
                delayMs = Math.Min(delayMs * 2, 25);
            }
            catch (IOException ex) when (PrivateFiles.IsHeldByAnother(ex))
            {
                throw new StoreBusyException($"The store at {root} is locked by another writer; gave up after {timeout.TotalSeconds:0.###} s.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"Cannot open the store's lock file {path}: {ex.Message}", ex);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
