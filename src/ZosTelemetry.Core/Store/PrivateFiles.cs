// The one place where the store's file access differs by operating system: how a directory or file is created
// readable by the current user only, and how "another writer holds the lock" shows up as an exception.
// Unix: mode 0700/0600 given at creation (no moment where the file is world-readable). Windows: a protected DACL
// with one ACE, full control for the current user, given at creation (FileSystemAclExtensions, in-box since .NET 6).
using System.Security.AccessControl;
using System.Security.Principal;

namespace ZosTelemetry.Store;

internal static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // errno values .NET puts in IOException.HResult when flock(LOCK_EX | LOCK_NB) finds the file locked.
    private const int LinuxEWouldBlock = 11;
    private const int BsdEWouldBlock = 35;

    // Win32 errors (the low word of the HResult) for a file another handle opened without sharing.
    private const int ErrorSharingViolation = 32;
    private const int ErrorLockViolation = 33;

    /// <summary>Creates the directory (and missing parents) private to the current user; an existing one is left as it is.</summary>
    // The Windows halves live in methods of their own: compiling a method loads the assemblies of every type it names,
    // and the access-control types would cost each append on Unix three assembly loads it never uses.

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            CreateDirectoryOnWindows(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Opens a file for reading and writing; when it does not exist yet it is created private to the current user.</summary>
    public static FileStream OpenOrCreate(string path, FileShare share)
    {
        if (OperatingSystem.IsWindows())
        {
            return OpenOrCreateOnWindows(path, share);
        }

        // No link is followed and nothing but a regular file is opened (StoreFileGuard): a month file replaced by a link
        // to another user's file must not be written through.
        var before = StoreFileGuard.EnsureRegularOrMissing(path);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = System.IO.FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = share,
            BufferSize = 0,
            UnixCreateMode = FileMode,
        });
        return StoreFileGuard.Verified(stream, path, before);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void CreateDirectoryOnWindows(string path)
    {
        if (!Directory.Exists(path))
        {
            new DirectoryInfo(path).Create(OwnerOnlyDirectorySecurity());
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static FileStream OpenOrCreateOnWindows(string path, FileShare share) =>
        // FileMode.OpenOrCreate applies the security only when the call creates the file, as the Unix mode does.
        new FileInfo(path).Create(
            System.IO.FileMode.OpenOrCreate,
            FileSystemRights.Read | FileSystemRights.Write | FileSystemRights.Synchronize,
            share,
            bufferSize: 1, // must be positive here; 1, like 0 elsewhere, means unbuffered
            FileOptions.None,
            OwnerOnlyFileSecurity());

    /// <summary>
    /// True when opening a file failed only because another handle holds it exclusively: worth waiting for. Any other
    /// I/O failure (disk full, bad path, no permission) will not go away by waiting and must be reported at once.
    /// </summary>
    public static bool IsHeldByAnother(IOException ex)
    {
        if (ex is FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return (ex.HResult & 0xFFFF) is ErrorSharingViolation or ErrorLockViolation;
        }

        // Either value on any Unix: the other one (Linux EDEADLK = 35, BSD EDEADLK = 11) is not what flock reports.
        return ex.HResult is LinuxEWouldBlock or BsdEWouldBlock;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    internal static SecurityIdentifier CurrentUser() =>
        WindowsIdentity.GetCurrent().User ?? throw new StoreException("Cannot make the store private: the current Windows user has no security identifier.");

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static DirectorySecurity OwnerOnlyDirectorySecurity()
    {
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(
            CurrentUser(),
            FileSystemRights.FullControl,
            InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
            PropagationFlags.None,
            AccessControlType.Allow));
        return security;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static FileSecurity OwnerOnlyFileSecurity()
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(CurrentUser(), FileSystemRights.FullControl, AccessControlType.Allow));
        return security;
    }
}
