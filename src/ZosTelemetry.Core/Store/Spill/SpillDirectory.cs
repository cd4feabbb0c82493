// A private scratch directory for the aggregations that would otherwise hold every session in memory (report session,
// sessions, compare, doctor above TelemetryStore.SpillThreshold): created 0700 under the system's temporary directory
// ($TMPDIR), its files 0600, and deleted with everything in it when the aggregation ends, also when it fails. Never
// inside the store: a reader must not write there (it may be another user's store, or read-only). A process killed
// mid-aggregation leaves its zos-spill-* directory behind, which holds ids and numbers, never content.
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
        var dir = Directory.CreateTempSubdirectory("zos-spill-"); // 0700 on Unix
        return new SpillDirectory(dir.FullName);
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
