// File-system primitives of the store: the directory and files are created private to the user from the start
// (no moment where they are readable by others; how is per OS, in PrivateFiles), the store must belong to the user who writes it, and appends never
// glue a row onto a torn last line nor leave half a batch behind when the disk is full.
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
            if (OperatingSystem.IsWindows())
            {
                PrivateFiles.CreateDirectory(root);
            }
            else
            {
                // .NET gives the mode to the last directory only; the ones above it (~/.zos) would get 0777 minus
                // the umask. Each missing level is created private, from the top down.
                var missing = new List<string>();
                for (string? dir = root; dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
                {
                    missing.Add(dir);
                }

                for (int i = missing.Count - 1; i >= 0; i--)
                {
                    PrivateFiles.CreateDirectory(missing[i]);
                }
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreAccessException($"Cannot create the store directory {root}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StoreException($"Cannot create the store directory {root}: {ex.Message}", ex);
        }

        StoreOwnership.EnsureOwnedByCurrentUser(root);
    }

    /// <summary>
    /// Appends whole lines with one positioned write at the end of the file. Callers hold the store lock,
    /// so the end does not move under us. If the file's last line has no newline (a writer died mid-row),
    /// a newline goes first so the torn row stays alone on its line and is skipped by readers. If the write
    /// fails (disk full, file too large), the file is cut back to what it was, and a file this call created is removed.
    /// </summary>
    /// <returns>How to undo the append, should a later file of the same batch fail.</returns>
    public static AppendUndo AppendLines(string path, ReadOnlySpan<byte> lines)
    {
        bool existed = File.Exists(path);
        FileStream stream;
        try
        {
            // Readers open the sinks with the same sharing, so on Windows a reader never blocks an append or the reverse.
            stream = PrivateFiles.OpenOrCreate(path, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreAccessException($"Cannot write to {path}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StoreException($"Cannot write to {path}: {ex.Message}", ex);
        }

        var undo = new AppendUndo(path, 0, !existed);
        using (stream)
        {
            var handle = stream.SafeFileHandle;
            try
            {
                long length = RandomAccess.GetLength(handle);
                undo = undo with { OriginalLength = length };
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
                return undo;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // .NET reports EFBIG (a file-size limit, RLIMIT_FSIZE) as an ArgumentOutOfRangeException, not an IOException.
                string why = ex is ArgumentOutOfRangeException ? "File too large (the file-size limit of this process or file system was reached)" : ex.Message;
                string undone = TryTruncate(stream, undo.OriginalLength) ? "the file was left as it was" : "the partial row could not be removed (readers skip it)";
                stream.Dispose();
                if (undo.Created && undo.OriginalLength == 0)
                {
                    TryDelete(path);
                }

                throw new StoreException($"Cannot write to {path}: {why}; {undone}.", ex);
            }
        }
    }

    /// <summary>Takes back an append of a batch whose later file failed: the file is cut to its old length, or removed if the batch created it.</summary>
    public static void Undo(AppendUndo undo)
    {
        try
        {
            if (undo.Created && undo.OriginalLength == 0)
            {
                File.Delete(undo.Path);
                return;
            }

            using var stream = new FileStream(undo.Path, System.IO.FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            stream.SetLength(undo.OriginalLength);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the rows stay, whole and readable; only the batch is no longer all-or-nothing.
        }
    }

    private static bool TryTruncate(FileStream stream, long length)
    {
        try
        {
            stream.SetLength(length);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An empty file is harmless: readers see no rows in it.
        }
    }
}

/// <summary>What an append changed in one file: its length before, and whether the append created it.</summary>
internal readonly record struct AppendUndo(string Path, long OriginalLength, bool Created);
