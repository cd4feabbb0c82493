// File-system primitives of the store: the directory and files are created private to the user from the start
// (no moment where they are readable by others; how is per OS, in PrivateFiles), and appends never glue a row onto
// a torn last line.
namespace ZosTelemetry.Store;

internal static class StoreFiles
{
    public static void EnsureRoot(string root)
    {
        if (File.Exists(root))
        {
            throw new StoreException($"The store root {root} is a file, not a directory.");
        }

        try
        {
            PrivateFiles.CreateDirectory(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot create the store directory {root}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Appends whole lines with one positioned write at the end of the file. Callers hold the store lock,
    /// so the end does not move under us. If the file's last line has no newline (a writer died mid-row),
    /// a newline goes first so the torn row stays alone on its line and is skipped by readers.
    /// </summary>
    public static void AppendLines(string path, ReadOnlySpan<byte> lines)
    {
        try
        {
            // Readers open the sinks with the same sharing, so on Windows a reader never blocks an append or the reverse.
            using var stream = PrivateFiles.OpenOrCreate(path, FileShare.ReadWrite | FileShare.Delete);
            var handle = stream.SafeFileHandle;
            long length = RandomAccess.GetLength(handle);
            if (length > 0)
            {
                Span<byte> last = stackalloc byte[1];
                if (RandomAccess.Read(handle, last, length - 1) == 1 && last[0] != (byte)'\n')
                {
                    RandomAccess.Write(handle, "\n"u8, length);
                    length++;
                }
            }

            RandomAccess.Write(handle, lines, length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot write to {path}: {ex.Message}", ex);
        }
    }
}
