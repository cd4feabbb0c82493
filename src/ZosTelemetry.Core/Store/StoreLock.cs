// The store's writer lock: one lock file opened with FileShare.None. .NET turns that into flock(LOCK_EX) on Unix
// (per open file description, so it excludes threads of one process as well as other processes) and into a
// sharing-mode lock on Windows (no other handle may open the file, from any thread or process). Both are released
// by the OS when the holder dies, so a killed writer never leaves the store locked.
//
// Why a lock rather than O_APPEND single-write rows: a writer must look at the file's last byte (to start on a fresh
// line after a torn row), append several rows across month files, and undo its own partial write when the disk is
// full; none of that is atomic with O_APPEND alone, and Windows has no O_APPEND guarantee for several handles. The
// lock covers all of it on both systems. fcntl/FileStream.Lock record locks were ruled out: they are per process, so
// two threads of one pwsh session would not exclude each other.
//
// Waiting is bounded: a hook must never hang its host. Only "held by someone else" is retried; any other failure
// (read-only file system, permissions) is reported at once instead of being mistaken for a busy store.
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

    /// <summary>Takes the lock, waiting up to timeout; an observer is told when the lock was held by another writer and for how long.</summary>
    public static StoreLock Acquire(string root, TimeSpan timeout, IStoreObserver? observer = null)
    {
        EnsureLockingEnabled();
        StoreOwnership.EnsureWritable(root); // before the lock file is created: a refused writer leaves nothing behind
        string path = Path.Combine(root, FileName);
        var clock = Stopwatch.StartNew();
        int delayMs = 1;
        while (true)
        {
            try
            {
                var taken = new StoreLock(PrivateFiles.OpenOrCreate(path, FileShare.None));
                if (delayMs > 1)
                {
                    observer?.Verbose(string.Create(global::System.Globalization.CultureInfo.InvariantCulture, $"Waited {clock.Elapsed.TotalMilliseconds:0} ms for the store's lock ({path}), held by another writer."));
                }

                return taken;
            }
            catch (IOException ex) when (PrivateFiles.IsHeldByAnother(ex))
            {
                if (delayMs == 1)
                {
                    observer?.Verbose($"The store's lock ({path}) is held by another writer; waiting up to {timeout.TotalSeconds:0.###} s.");
                }

                if (clock.Elapsed >= timeout)
                {
                    throw new StoreBusyException($"The store at {root} is locked by another writer; gave up after {timeout.TotalSeconds:0.###} s.");
                }

                // Sleep no longer than what is left of the wait, so that the limit holds to within a few milliseconds.
                TimeSpan left = timeout - clock.Elapsed;
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(0, Math.Min(delayMs, left.TotalMilliseconds))));
                delayMs = Math.Min(delayMs * 2, 25);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new StoreAccessException($"Cannot open the store's lock file {path}: {ex.Message}", ex);
            }
            catch (IOException ex)
            {
                throw new StoreException($"Cannot open the store's lock file {path}: {ex.Message}", ex);
            }
        }
    }

    public void Dispose() => stream.Dispose();

    // DOTNET_SYSTEM_IO_DISABLEFILELOCKING (or the System.IO.DisableFileLocking switch) makes FileShare.None a no-op on
    // Unix. Writing anyway would let two writers interleave or overwrite rows, so the store refuses instead.
    private static void EnsureLockingEnabled()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        bool disabled = AppContext.TryGetSwitch("System.IO.DisableFileLocking", out bool value)
            ? value
            : Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is string env
                && (env == "1" || env.Equals("true", StringComparison.OrdinalIgnoreCase));
        if (disabled)
        {
            throw new StoreException("File locking is disabled in this process (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking), so concurrent writers could corrupt the store; refusing to write. Unset it for zos-telemetry.");
        }
    }
}
