// Promise 7: a hook is never held up for long. append and close give up on a held lock after --lock-timeout seconds,
// else $ZOS_LOCK_TIMEOUT, else 2 s, with exit code 4 and nothing written.
using System.Diagnostics;

namespace ZosTelemetry.Tests;

public sealed class LockTimeoutCliTests : IDisposable
{
    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private FileStream HoldLock()
    {
        Assert.Equal(0, CliRunner.Run("append", "--root", root.Path_, "--session-id", "s1", "--system", "a", "--kind", "user_message").ExitCode);
        return new FileStream(Path.Combine(root.Path_, ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    private static (CliResult Result, TimeSpan Took) Timed(string[] args, Dictionary<string, string?>? environment = null)
    {
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run(args, null, environment);
        return (r, clock.Elapsed);
    }

    [Fact]
    public void Append_LockHeld_DefaultWaitIsTwoSeconds_ExitsFour()
    {
        using var held = HoldLock();

        var (r, took) = Timed(["append", "--root", root.Path_, "--session-id", "s2", "--system", "a", "--kind", "user_message"], new() { ["ZOS_LOCK_TIMEOUT"] = null });

        Assert.Equal(4, r.ExitCode);
        Assert.Contains("gave up after 2 s. Nothing was written.", r.Stderr, StringComparison.Ordinal);
        Assert.InRange(took.TotalSeconds, 2.0, 15.0); // 2 s of waiting plus the start of a process on a busy machine
    }

    [Fact]
    public void Append_LockHeld_LockTimeoutOptionShortensTheWait()
    {
        using var held = HoldLock();

        var (r, _) = Timed(["append", "--root", root.Path_, "--session-id", "s2", "--system", "a", "--kind", "user_message", "--lock-timeout", "0"]);

        // The message names the wait that was used: no waiting at all.
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("gave up after 0 s", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_LockHeld_EnvironmentVariableSetsTheWait()
    {
        using var held = HoldLock();

        var (r, _) = Timed(["close", "--root", root.Path_, "--session-id", "s1"], new() { ["ZOS_LOCK_TIMEOUT"] = "0.4" });

        Assert.Equal(4, r.ExitCode);
        Assert.Contains("gave up after 0.4 s", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_LockReleasedWithinTheWait_Succeeds()
    {
        var held = HoldLock();
        var release = Task.Delay(300).ContinueWith(_ => held.Dispose(), TaskScheduler.Default);

        var r = CliRunner.Run("append", "--root", root.Path_, "--session-id", "s2", "--system", "a", "--kind", "user_message", "--lock-timeout", "10");
        await release;

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, root.Lines("events-*.jsonl").Length);
    }

    [Fact]
    public void Append_HolderKilled_LockFreedAtOnce()
    {
        // The OS drops a dead process's flock: a SIGKILLed writer never leaves the store locked.
        Assert.Equal(0, CliRunner.Run("append", "--root", root.Path_, "--session-id", "s1", "--system", "a", "--kind", "user_message").ExitCode);
        var holder = WriterRunner.Start("loop", root.Path_, "holder", "1");
        Thread.Sleep(300);
        holder.Kill();
        holder.WaitForExit();

        // --lock-timeout 0 allows no wait: success means the lock was already free.
        var r = CliRunner.Run("append", "--root", root.Path_, "--session-id", "after", "--system", "a", "--kind", "user_message", "--lock-timeout", "0");

        Assert.Equal(0, r.ExitCode);
    }
}
