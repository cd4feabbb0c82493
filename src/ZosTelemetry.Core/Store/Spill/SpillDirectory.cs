// A private scratch directory for the aggregations that would otherwise hold every session in memory (report session,
// sessions, compare, doctor above TelemetryStore.SpillThreshold): created 0700 under the system's temporary directory
// ($TMPDIR), its files 0600, and deleted with everything in it when the aggregation ends, also when it fails. Never
// inside the store: a reader must not write there (it may be another user's store, or read-only). A process killed
// mid-aggregation leaves its directory behind (ids and numbers, never content); its name carries the process id
// (zos-spill-<pid>-<random>), so the next aggregation removes the directories of processes that no longer run.
using System.Diagnostics;
using System.Globalization;

namespace ZosTelemetry.Store.Spill;

internal sealed class SpillDirectory : IDisposable
{
    private const int BufferBytes = 32 * 1024;

    private SpillDirectory(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static SpillDirectory Create()
    {
        RemoveAbandoned(System.IO.Path.GetTempPath());
        var dir = Directory.CreateTempSubdirectory($"zos-spill-{Environment.ProcessId}-"); // 0700 on Unix
        return new SpillDirectory(dir.FullName);
    }

    /// <summary>
    /// Deletes the zos-spill-&lt;pid&gt;-* directories under <paramref name="temp"/> whose process no longer runs (it was
    /// killed mid-aggregation) and that nothing has changed for an hour (a process id is only unique within one PID
    /// namespace: a container sharing the temporary directory may run a process whose id is not seen here). A directory
    /// of a running process, of another user (not ours to delete: the error is ignored) or without a process id in its
    /// name is left alone.
    /// </summary>
    internal static int RemoveAbandoned(string temp)
    {
        var quietSince = DateTime.UtcNow - TimeSpan.FromHours(1);
        int removed = 0;
        string[] candidates;
        try
        {
            candidates = Directory.GetDirectories(temp, "zos-spill-*-*");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var path in candidates)
        {
            string[] parts = System.IO.Path.GetFileName(path).Split('-');
            if (parts.Length != 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                || pid == Environment.ProcessId || Directory.GetLastWriteTimeUtc(path) > quietSince || IsRunning(pid))
            {
                continue;
            }

            try
            {
                Directory.Delete(path, recursive: true);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's, or being removed by another process at the same time: not ours to insist on.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A new private file in the directory, buffered, for writing and later reading back.</summary>
    public FileStream CreateFile(string name)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = BufferBytes,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(System.IO.Path.Combine(Path, name), options);
    }

    /// <summary>Opens a file written earlier, for reading from its start.</summary>
    public FileStream OpenRead(string name) =>
        new(System.IO.Path.Combine(Path, name), FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Scratch under $TMPDIR: the system cleans it up; failing the report for it would lose the result.
        }
    }
}
