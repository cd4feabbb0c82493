// The code paths that differ by operating system (PrivateFiles, StoreRoot.HomeDirectory): owner-only files,
// lock contention as each OS reports it, sharing between readers and writers, and awkward paths. Facts marked for
// one OS run in the CI job of that OS.
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class PlatformStoreTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private TelemetryStore NewStore(string? root = null) => new(root ?? Root, clock: () => Make.Now);

    [Fact]
    public void Append_PathWithSpacesAndNonAsciiNames_RoundTrips()
    {
        string root = temp.Combine("Zoë Ångström", "my store ü");
        var store = NewStore(root);

        store.Append(Make.Event(sessionId: "s1"));
        store.Close("s1");

        Assert.Single(NewStore(root).ReadEvents());
        Assert.Single(NewStore(root).ReadSessions());
    }

    [Fact]
    public void Append_WhileAnotherHandleReadsTheSink_Succeeds()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "s1"));
        string sink = Directory.GetFiles(Root, "events-*.jsonl").Single();

        // Opened as JsonlReader opens it: on Windows, sharing modes decide whether the append below may proceed.
        using (var reader = new JsonlReader(sink))
        {
            Assert.True(reader.TryReadLine(out _));
            store.Append(Make.Event(sessionId: "s2"));
        }

        Assert.Equal(2, NewStore().ReadEvents().Count());
    }

    [Fact]
    public void ReadEvents_WhileAWriterHoldsTheLockAndTheSink_Reads()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "s1"));
        string sink = Directory.GetFiles(Root, "events-*.jsonl").Single();

        using var @lock = new FileStream(Path.Combine(Root, ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        using var writer = new FileStream(sink, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);

        Assert.Single(NewStore().ReadEvents());
    }

    [Fact]
    public void Append_LockHeldByAnotherProcessStyleHandle_IsBusyNotAStoreError()
    {
        Directory.CreateDirectory(Root);
        using var held = new FileStream(Path.Combine(Root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var store = new TelemetryStore(Root, clock: () => Make.Now) { LockTimeout = TimeSpan.FromMilliseconds(30) };

        Assert.Throws<StoreBusyException>(() => store.Append(Make.Event()));
    }

    [Fact]
    public void Append_LockPathIsADirectory_FailsAtOnceWithAStoreError()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".lock"));
        var store = new TelemetryStore(Root, clock: () => Make.Now) { LockTimeout = TimeSpan.FromSeconds(30) };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.ThrowsAny<StoreException>(() => store.Append(Make.Event()));

        Assert.IsNotType<StoreBusyException>(ex);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}: a failure that waiting cannot fix was waited for");
    }

    [LinuxFact]
    public void IsHeldByAnother_Linux_IsEWouldBlock()
    {
        Assert.True(PrivateFiles.IsHeldByAnother(new IOException("held", 11)));
        Assert.False(PrivateFiles.IsHeldByAnother(new IOException("no space", 28)));
    }

    [MacOSFact]
    public void IsHeldByAnother_MacOS_IsEWouldBlock()
    {
        Assert.True(PrivateFiles.IsHeldByAnother(new IOException("held", 35)));
        Assert.False(PrivateFiles.IsHeldByAnother(new IOException("no space", 28)));
    }

    [WindowsFact]
    public void IsHeldByAnother_Windows_IsASharingOrLockViolation()
    {
        Assert.True(PrivateFiles.IsHeldByAnother(new IOException("sharing", unchecked((int)0x80070020))));
        Assert.True(PrivateFiles.IsHeldByAnother(new IOException("lock", unchecked((int)0x80070021))));
        Assert.False(PrivateFiles.IsHeldByAnother(new IOException("disk full", unchecked((int)0x80070070))));
    }

    [WindowsFact]
    [SupportedOSPlatform("windows")]
    public void Append_NewStore_OnWindows_GivesTheDirectoryAndEveryFileOneAceForTheCurrentUserOnly()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "s1"));
        store.Close("s1");

        var me = WindowsIdentity.GetCurrent().User!;
        AssertOwnerOnly(new DirectoryInfo(Root).GetAccessControl(), me);
        string[] files = Directory.GetFiles(Root);
        Assert.Equal(3, files.Length); // events, sessions, .lock
        Assert.All(files, f => AssertOwnerOnly(new FileInfo(f).GetAccessControl(), me));
    }

    [WindowsFact]
    [SupportedOSPlatform("windows")]
    public void Append_IntoAnExistingDirectory_OnWindows_StillCreatesOwnerOnlyFiles()
    {
        Directory.CreateDirectory(Root); // inherits whatever the parent grants

        NewStore().Append(Make.Event());

        var me = WindowsIdentity.GetCurrent().User!;
        Assert.All(Directory.GetFiles(Root), f => AssertOwnerOnly(new FileInfo(f).GetAccessControl(), me));
    }

    [SupportedOSPlatform("windows")]
    private static void AssertOwnerOnly(FileSystemSecurity security, SecurityIdentifier me)
    {
        Assert.True(security.AreAccessRulesProtected, "the ACL inherits from the parent");
        var rules = security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>().ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.Equal(me, r.IdentityReference)); // nobody else: no Users, no Administrators, no SYSTEM
        Assert.Contains(rules, r => r.AccessControlType == AccessControlType.Allow && (r.FileSystemRights & FileSystemRights.FullControl) == FileSystemRights.FullControl);
    }
}
