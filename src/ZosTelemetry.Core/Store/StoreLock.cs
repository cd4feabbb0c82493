// The store's writer lock: one lock file opened with FileShare.None. .NET turns that into flock(LOCK_EX) on Unix
// (per open file description, so it excludes threads of one process as well as other processes) and into a
// sharing-mode lock on Windows. Both are released by the OS when the holder dies, so a killed writer never
// leaves the store locked. Waiting is bounded: a hook must never hang its host.
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
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = StoreFiles.FileMode;
        }

        var clock = Stopwatch.StartNew();
        int delayMs = 1;
        while (true)
        {
            try
            {
                return new StoreLock(new FileStream(path, options));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(delayMs);
                delayMs = Math.Min(delayMs * 2, 25);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new StoreBusyException($"The store at {root} is locked by another writer; gave up after {timeout.TotalSeconds:0.###} s.");
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
