// The writer lock: bounded waits that hold to the limit given, "busy" only when another writer really holds it,
// and no writing at all where .NET's file locking has been switched off.
using System.Diagnostics;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class StoreLockTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private FileStream HoldLock()
    {
        return new FileStream(Path.Combine(temp.Path, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    [InlineData(1000)]
    public void Append_LockHeld_GivesUpAfterTheTimeoutGiven(int timeoutMs)
    {
        using var held = HoldLock();
        var store = new TelemetryStore(temp.Path, clock: () => Make.Now) { LockTimeout = TimeSpan.FromMilliseconds(timeoutMs) };
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<StoreBusyException>(() => store.Append(Make.Event()));

        Assert.InRange(clock.ElapsedMilliseconds, timeoutMs, timeoutMs + 1500); // the limit, plus slack for a loaded machine
        Assert.Contains($"gave up after {timeoutMs / 1000.0:0.###} s", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, "events-2026-06.jsonl")));
    }

    [Fact]
    public async Task Append_LockReleasedWhileWaiting_Succeeds()
    {
        var held = HoldLock();
        var release = Task.Run(async () =>
        {
            await Task.Delay(200);
            held.Dispose();
        });
        var store = new TelemetryStore(temp.Path, clock: () => Make.Now) { LockTimeout = TimeSpan.FromSeconds(10) };

        store.Append(Make.Event());
        await release;

        Assert.Single(store.ReadEvents());
    }

    [Fact]
    public void IsHeldByAnother_LockContention_IsRecognised()
    {
        using var held = HoldLock();

        var ex = Assert.ThrowsAny<IOException>(() => HoldLock());

        Assert.True(PrivateFiles.IsHeldByAnother(ex), $"HResult {ex.HResult:X}: {ex.Message}");
    }

    [Fact]
    public void IsHeldByAnother_OtherIOError_IsNot()
    {
        Assert.False(PrivateFiles.IsHeldByAnother(new IOException("Read-only file system", 30)));
        Assert.False(PrivateFiles.IsHeldByAnother(new IOException("No space left on device", 28)));
    }
}

/// <summary>DOTNET_SYSTEM_IO_DISABLEFILELOCKING is process-wide: these tests run alone.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class StoreLockDisabledTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [UnixFact]
    public void Append_FileLockingDisabled_RefusedAndNothingWritten()
    {
        using var disabled = new EnvironmentVariableScope("DOTNET_SYSTEM_IO_DISABLEFILELOCKING", "1");

        var ex = Assert.Throws<StoreException>(() => new TelemetryStore(temp.Path, clock: () => Make.Now).Append(Make.Event()));

        Assert.Contains("File locking is disabled", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path, "events-*"));
    }
}
