// Refuses to write into a store directory that belongs to another user. A directory someone else owns is one they
// can read, rename or fill with links at will, so telemetry written there would no longer be private to its user.
// .NET has no API for a file's owner; stat(2) is reached through the runtime's own System.Native shim, whose
// FileStatus begins with Flags, Mode, Uid and Gid in every .NET release (only fields at the end were ever added),
// so reading the owner from a generous buffer stays correct on .NET 8 and later. Windows stores are guarded by
// the ACLs of the user profile instead and are not checked here.
using System.Runtime.CompilerServices;
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
        nint utf8Path = 0, status = 0;
        try
        {
            utf8Path = Marshal.StringToCoTaskMemUTF8(path);
            status = Marshal.AllocHGlobal(FileStatusBufferSize);
            if (CallStat(utf8Path, status) != 0)
            {
                return false;
            }

            owner = (uint)Marshal.ReadInt32(status, UidOffset);
            self = CallGetEUid();
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8Path);
            Marshal.FreeHGlobal(status);
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

    // Native memory and plain integers, so that nothing needs marshalling, and each call in a method of its own outside
    // any try block: then the JIT calls the function directly, where otherwise the runtime generates a marshalling stub
    // per P/Invoke and compiles it fully optimised: the only such compiles of an append (without them, and without two
    // lambdas, an append took 0.9 ms less, interleaved runs of both builds).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CallStat(nint utf8Path, nint status) => Stat(utf8Path, status);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint CallGetEUid() => GetEUid();

    [DllImport(SystemNative, EntryPoint = "SystemNative_Stat")]
    private static extern int Stat(nint utf8Path, nint output);

    [DllImport(SystemNative, EntryPoint = "SystemNative_GetEUid")]
    private static extern uint GetEUid();
}
