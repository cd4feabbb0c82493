// Opens the store's files without following symbolic links and refuses anything that is not a regular file, so that
// a month file replaced by a link cannot make a writer write into another user's file, and a named pipe in its place
// cannot make a reader hang or a writer crash. .NET has no O_NOFOLLOW, so on Unix the path is checked with lstat(2)
// before it is opened, and the opened file is checked with fstat(2) after: it must be a regular file, and the same
// file (device and inode) that lstat saw. A link swapped in between the two is therefore refused as well, and a pipe
// is never opened at all. One place for every sink: events, sessions, and any row type added later.
using Microsoft.Win32.SafeHandles;

namespace ZosTelemetry.Store;

/// <summary>A store path that is a link, a pipe, a directory or a device where a regular file belongs.</summary>
public sealed class NotRegularFileException : StoreException
{
    public NotRegularFileException(string path, string what)
        : base($"{path} is {what}, not a regular file; the store reads and writes regular files only. Remove it or put the real file back ('zos-telemetry doctor --repair' removes links and pipes).")
    {
        FilePath = path;
    }

    public string FilePath { get; }
}

internal static class StoreFileGuard
{
    /// <summary>Throws NotRegularFileException when the path exists and is not a regular file; returns its status when it exists.</summary>
    public static UnixFileStatus? EnsureRegularOrMissing(string path)
    {
        if (OperatingSystem.IsWindows() || !UnixFileStatus.TryLStat(path, out var status))
        {
            return null;
        }

        if (!status.IsRegular)
        {
            throw new NotRegularFileException(path, status.Describe());
        }

        return status;
    }

    /// <summary>Opens a store file for reading, shared with writers, after the checks above.</summary>
    public static FileStream OpenRead(string path, FileOptions options = FileOptions.None)
    {
        var before = EnsureRegularOrMissing(path);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = options,
        });
        return Verified(stream, path, before);
    }

    /// <summary>Opens a store file's handle for positioned reads, after the checks above.</summary>
    public static SafeFileHandle OpenReadHandle(string path)
    {
        var before = EnsureRegularOrMissing(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            Verify(handle, path, before);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Checks a stream opened on a path that lstat saw as <paramref name="before"/> (null: it did not exist).</summary>
    public static FileStream Verified(FileStream stream, string path, UnixFileStatus? before)
    {
        try
        {
            Verify(stream.SafeFileHandle, path, before);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>True when the open handle is the file now at the path (same device and inode); true where this cannot be told.</summary>
    public static bool IsSameFile(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows() || !UnixFileStatus.TryFStat(handle, out var open))
        {
            return true;
        }

        return UnixFileStatus.TryLStat(path, out var now) && now.Device == open.Device && now.Inode == open.Inode;
    }

    private static void Verify(SafeFileHandle handle, string path, UnixFileStatus? before)
    {
        if (OperatingSystem.IsWindows() || !UnixFileStatus.TryFStat(handle, out var opened))
        {
            return;
        }

        if (!opened.IsRegular)
        {
            throw new NotRegularFileException(path, opened.Describe());
        }

        if (before is { } b && (b.Device != opened.Device || b.Inode != opened.Inode))
        {
            throw new NotRegularFileException(path, "a file that was replaced while it was being opened (a link swapped in?)");
        }
    }
}
