// Refuses to write into a store directory that belongs to another user. A directory someone else owns is one they
// can read, rename or fill with links at will, so telemetry written there would no longer be private to its user.
// .NET has no API for a file's owner; stat(2) is reached through the runtime's own System.Native shim, whose
// FileStatus begins with Flags, Mode, Uid and Gid in every .NET release (only fields at the end were ever added),
// so reading the owner from a generous buffer stays correct on .NET 8 and later. Windows stores are guarded by
// the ACLs of the user profile instead and are not checked here.
using System.Runtime.InteropServices;

namespace ZosTelemetry.Store;

internal static class StoreOwnership
{
    private const string SystemNative = "libSystem.Native";
    private const int FileStatusBufferSize = 256;
    private const int UidOffset = 8;

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
        try
        {
            var status = new byte[FileStatusBufferSize];
            byte[] utf8Path = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1]; // NUL-terminated, as stat(2) wants
            System.Text.Encoding.UTF8.GetBytes(path, utf8Path);
            if (Stat(ref utf8Path[0], ref status[0]) != 0)
            {
                return false;
            }

            owner = BitConverter.ToUInt32(status, UidOffset);
            self = GetEUid();
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
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

    // Plain byte references, no string marshalling and no last error (nothing reads it): the runtime compiles a stub
    // for each P/Invoke on first call, fully optimised, and a marshalling one cost an append about as much as the stat.
    [DllImport(SystemNative, EntryPoint = "SystemNative_Stat")]
    private static extern int Stat(ref byte utf8Path, ref byte output);

    [DllImport(SystemNative, EntryPoint = "SystemNative_GetEUid")]
    private static extern uint GetEUid();
}
