// Refuses to write into a store directory that belongs to another user. A directory someone else owns is one they
// can read, rename or fill with links at will, so telemetry written there would no longer be private to its user.
// .NET has no API for a file's owner; it is read with stat(2) (UnixFileStatus). Every writer calls EnsureWritable
// before it creates anything (StoreLock.Acquire does, so every writer that locks the store is covered), and caches
// such as the session index are written only into a store of the current user: a refused write leaves nothing behind.
// Windows stores are guarded by the ACLs of the user profile instead and are not checked here.
namespace ZosTelemetry.Store;

internal static class StoreOwnership
{
    /// <summary>Throws a StoreAccessException unless the directory belongs to the effective user (Unix only).</summary>
    public static void EnsureOwnedByCurrentUser(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (TryGetOwner(directory, out uint owner, out uint self))
        {
            if (owner != self)
            {
                throw new StoreAccessException(
                    $"The store directory {directory} belongs to user id {owner}, not to you (user id {self}); refusing to write telemetry where another user controls it. Use a store of your own (--root, -Root or $ZOS_HOME).");
            }

            return;
        }

        EnsureOwnedByChmodProbe(directory);
    }

    /// <summary>The owner of a path and the effective user id, or false when the runtime's shim cannot be reached.</summary>
    public static bool TryGetOwner(string path, out uint owner, out uint self)
    {
        owner = self = 0;
        if (OperatingSystem.IsWindows() || !UnixFileStatus.TryStat(path, out var status) || UnixFileStatus.EffectiveUser() is not uint me)
        {
            return false;
        }

        owner = status.Owner;
        self = me;
        return true;
    }

    /// <summary>
    /// The check every writer makes before it touches anything (creates a directory, a lock file, an index): the root
    /// must not be a file and, when it exists, must belong to the current user. A missing root is fine: the writer
    /// creates it, and then it is the user's.
    /// </summary>
    public static void EnsureWritable(string root)
    {
        if (File.Exists(root))
        {
            throw new StoreException($"The store root {root} is a file, not a directory.");
        }

        if (Directory.Exists(root))
        {
            EnsureOwnedByCurrentUser(root);
        }
    }

    /// <summary>True when the root exists and belongs to the current user (always on Windows): caches may be written.</summary>
    public static bool IsOwnedByCurrentUser(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(root);
        }

        return TryGetOwner(root, out uint owner, out uint self) ? owner == self : Directory.Exists(root);
    }

    /// <summary>
    /// Everything under the root (not following links) that belongs to another user than the root's owner: left by a
    /// writer run as root, for one, and in the way of the owner's own writers. Empty on Windows.
    /// </summary>
    public static IReadOnlyList<(string Path, uint Owner)> ForeignEntries(string root, out uint rootOwner)
    {
        rootOwner = 0;
        var found = new List<(string, uint)>();
        if (OperatingSystem.IsWindows() || !UnixFileStatus.TryStat(root, out var rootStatus))
        {
            return found;
        }

        rootOwner = rootStatus.Owner;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", options))
        {
            if (UnixFileStatus.TryLStat(path, out var status) && status.Owner != rootOwner)
            {
                found.Add((path, status.Owner));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return found;
    }

    // Fallback where System.Native cannot be called (a trimmed or single-file host): only the owner, or root, may change
    // a directory's mode, so setting it to what it already is fails with EPERM exactly when someone else owns it.
    private static void EnsureOwnedByChmodProbe(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(directory, File.GetUnixFileMode(directory));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreAccessException($"The store directory {directory} belongs to another user; refusing to write telemetry where another user controls it.", ex);
        }
    }
}
