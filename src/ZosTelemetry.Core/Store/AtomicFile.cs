// Replaces a file as one step: the new content goes to a temporary file in the same directory, is flushed to disk,
// and is then renamed over the old name. rename(2) within one directory is atomic, so a crash at any point leaves
// either the old file or the new one, never half of either. Shared by retention (pruning a month), exports, and
// anything else that must rewrite a file in place.
namespace ZosTelemetry.Store;

public static class AtomicFile
{
    /// <summary>Temporary files are named ".{name}.{random}.tmp": hidden, and matched by no sink pattern, so readers never see them.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Writes path through write(stream); mode applies when the file is created on Unix (null: the process default).</summary>
    public static void Write(string path, Action<Stream> write, UnixFileMode? mode = null) => Write(path, write, mode, beforeRename: null);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
    {
        byte[] copy = content.ToArray();
        Write(path, s => s.Write(copy), mode);
    }

    /// <summary>True for a temporary file this class creates, e.g. left behind by a process killed before its rename.</summary>
    public static bool IsTempFile(string name)
    {
        if (!name.StartsWith('.') || !name.EndsWith(TempSuffix, StringComparison.Ordinal) || name.Length < 2 + 33 + TempSuffix.Length)
        {
            return false;
        }

        var random = name.AsSpan(name.Length - TempSuffix.Length - 32, 32);
        return name[name.Length - TempSuffix.Length - 33] == '.' && !random.ContainsAnyExcept("0123456789abcdef");
    }

    /// <summary>The same, with a hook between the flushed write and the rename, where tests simulate a crash.</summary>
    internal static void Write(string path, Action<Stream> write, UnixFileMode? mode, Action<string>? beforeRename)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new StoreException($"{path} has no directory.");
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TempSuffix}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (mode is UnixFileMode m && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = m;
        }

        try
        {
            using var stream = new FileStream(temp, options);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception ex)
        {
            TryDelete(temp);
            throw ex is IOException or UnauthorizedAccessException ? new StoreException($"Cannot write {full}: {ex.Message}", ex) : ex;
        }

        // A crash from here on leaves a complete temporary file beside an untouched original; the rename is the commit.
        beforeRename?.Invoke(temp);
        try
        {
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new StoreException($"Cannot replace {full}: {ex.Message}", ex);
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
            // The temporary file is hidden and never read as data; a later prune removes it.
        }
    }
}
