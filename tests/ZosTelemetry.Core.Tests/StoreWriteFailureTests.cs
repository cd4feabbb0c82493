// A write that fails half-way (disk full) or cannot start (read-only file system, a store owned by someone else)
// leaves every file of the store exactly as it was, byte for byte, and says why at once.
using System.Diagnostics;
using System.Runtime.Versioning;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class StoreWriteFailureTests
{
    private static SortedDictionary<string, string> Snapshot(string root) =>
        new(Directory.GetFiles(root).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static List<Events.TelemetryEvent> Batch(int count, DateTimeOffset ts, string prefix) =>
        Enumerable.Range(0, count).Select(i => Make.Event(sessionId: $"{prefix}-{i}", ts: ts, model: "model-with-a-longer-name", tokensIn: 123456, tokensOut: 654321, costUsd: 0.123456)).ToList();

    [LinuxRootFact]
    public void Append_DiskFullMidWrite_LeavesTheFileAsItWas()
    {
        using var disk = new TmpfsMount(64);
        string root = Path.Combine(disk.Path, "store");
        var store = new TelemetryStore(root, clock: () => Make.Now);
        store.Append(Make.Event(sessionId: "before", ts: Make.Utc(2026, 6, 1)));
        var before = Snapshot(root);
        disk.Fill();

        // About 25 KB: the first part fits in the file's last, partly used page, the rest does not (a short write).
        var ex = Assert.Throws<StoreException>(() => store.Append(Batch(100, Make.Utc(2026, 6, 2), "big")));

        Assert.Equal(before, Snapshot(root));
        Assert.Equal(["before"], store.ReadEvents().Select(e => e.SessionId));
        Assert.Contains("No space left on device", ex.Message, StringComparison.Ordinal);
        Assert.Contains("left as it was", ex.Message, StringComparison.Ordinal);
    }

    [LinuxRootFact]
    public void Append_DiskFullInTheSecondMonthOfABatch_TakesBackTheFirstMonthAndRemovesTheNewFile()
    {
        using var disk = new TmpfsMount(64);
        string root = Path.Combine(disk.Path, "store");
        var store = new TelemetryStore(root, clock: () => Make.Now);
        store.Append(Make.Event(sessionId: "may-before", ts: Make.Utc(2026, 5, 1)));
        var before = Snapshot(root);
        disk.Fill();

        // May's row fits in its file's last page and is written; June's file is new and cannot grow.
        Assert.Throws<StoreException>(() => store.Append([Make.Event(sessionId: "may-new", ts: Make.Utc(2026, 5, 2)), .. Batch(100, Make.Utc(2026, 6, 2), "june")]));

        Assert.Equal(before, Snapshot(root));
        Assert.False(File.Exists(Path.Combine(root, "events-2026-06.jsonl")));
    }

    [LinuxRootFact]
    public void Append_ReadOnlyFileSystem_FailsAtOnceAsAStoreErrorNotAsBusy()
    {
        using var disk = new TmpfsMount(64);
        string root = Path.Combine(disk.Path, "store");
        var store = new TelemetryStore(root, clock: () => Make.Now) { LockTimeout = TimeSpan.FromSeconds(30) };
        store.Append(Make.Event(sessionId: "before"));
        var before = Snapshot(root);
        disk.RemountReadOnly();
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<StoreException>(() => store.Append(Make.Event(sessionId: "after")));

        Assert.IsNotType<StoreBusyException>(ex);
        Assert.Contains("Read-only file system", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}: a read-only store was waited on as if it were busy");
        Assert.Equal(before, Snapshot(root));
    }

    [LinuxRootFact]
    [UnsupportedOSPlatform("windows")]
    public void Append_RootOwnedByAnotherUser_RefusedAndNothingWritten()
    {
        using var temp = new TempRoot();
        string root = temp.Combine("someone-elses");
        Directory.CreateDirectory(root);
        Shell.Check("chown", "65534:65534", root);
        File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);

        var ex = Assert.Throws<StoreAccessException>(() => new TelemetryStore(root, clock: () => Make.Now).Append(Make.Event()));

        Assert.Contains("belongs to user id 65534", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    [UnixNonRootFact]
    public void Append_RootOwnedBySystem_RefusedBecauseItIsNotTheUsers()
    {
        // Run as an ordinary user, / belongs to root: the ownership check refuses before any permission error could.
        var ex = Assert.Throws<StoreAccessException>(() => new TelemetryStore("/", clock: () => Make.Now).Append(Make.Event()));

        Assert.Contains("belongs to user id 0", ex.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public void Append_OwnRoot_Accepted()
    {
        using var temp = new TempRoot();

        new TelemetryStore(temp.Path, clock: () => Make.Now).Append(Make.Event());

        Assert.True(StoreOwnership.TryGetOwner(temp.Path, out uint owner, out uint self));
        Assert.Equal(self, owner);
    }
}
