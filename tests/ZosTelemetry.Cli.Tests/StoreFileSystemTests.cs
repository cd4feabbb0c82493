// Issue 11.4–11.10: ownership and the file system. Every writer checks the store's owner before it creates anything;
// the doctor finds what another user left in a store and its repair removes what it can; links and pipes in place of
// a month file are refused without hanging; a read-only file system is an I/O error, not a busy store; a failed first
// import takes its lock file with it; and the framework's messages reach the user as sentences, not resource keys.
// Tests that need a second user create a real one (useradd) and run the owner's commands as that user (runuser); they
// run as root on Linux and are skipped elsewhere, never passed vacuously.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;

namespace ZosTelemetry.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class StoreFileSystemTests : IDisposable
{
    private readonly TempRoot temp = new();

    public StoreFileSystemTests()
    {
        if (!OperatingSystem.IsWindows())
        {
            // The second user must reach the store through its parent.
            File.SetUnixFileMode(temp.Parent, (UnixFileMode)0b111_101_101);
        }
    }

    public void Dispose() => temp.Dispose();

    private string Root => temp.Path_;

    /// <summary>The store directory, created by us and given to the second user, as their own first append would make it.</summary>
    private string OwnedBySecondUser()
    {
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Shell.Check("chown", $"{SecondUser.Name}:{SecondUser.Name}", Root);
        return Root;
    }

    private static string Month => DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string[] Append(string root, string session = "s1") =>
        ["append", "--root", root, "--session-id", session, "--system", "sys-a", "--kind", "assistant_message", "--tokens-in", "5"];

    /// <summary>Every entry under the root with its owner, mode and bytes: what a refused command must leave as it was.</summary>
    private static string Snapshot(string root) => string.Join("\n", Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(p => $"{p} {Stat(p)} {(File.Exists(p) ? Convert.ToHexString(File.ReadAllBytes(p)) : "dir")}"));

    private static string Stat(string path)
    {
        var psi = new ProcessStartInfo("stat", ["-c", "%U:%G %a", path]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string s = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return s;
    }

    private string ClaudeLogs()
    {
        string logs = Path.Combine(temp.Parent, "claude");
        Directory.CreateDirectory(logs);
        string ts = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(logs, "a.jsonl"), """{"sessionId":"cc-1","type":"assistant","uuid":"u1","timestamp":"TS","requestId":"r1","message":{"id":"m1","role":"assistant","model":"claude-sonnet-4-5","usage":{"input_tokens":3,"output_tokens":4}}}""".Replace("TS", ts, StringComparison.Ordinal) + "\n");
        return logs;
    }

    [SecondUserFact]
    public void PruneAndReset_RunByRootOnAnotherUsersStore_RefusedBeforeTouchingAnything()
    {
        // 11.4: prune and reset rewrote or deleted the owner's files and left them root:root 0600.
        Assert.Equal(0, SecondUser.Run(Append(OwnedBySecondUser())).ExitCode);
        Assert.Equal(0, SecondUser.Run("close", "--root", Root, "--session-id", "s1").ExitCode);
        string before = Snapshot(Root);

        var prune = CliRunner.Run("prune", "--root", Root, "--older-than", "1");
        var reset = CliRunner.Run("reset", "--root", Root, "--confirm");

        Assert.Equal((3, 3), (prune.ExitCode, reset.ExitCode));
        Assert.Contains("belongs to user id", prune.Stderr);
        Assert.Contains("belongs to user id", reset.Stderr);
        Assert.Equal(before, Snapshot(Root));
    }

    [SecondUserFact]
    public void Writers_RunByRootOnAnotherUsersStore_CreateNothingAndTheOwnersImportStillWorks()
    {
        // 11.5: a refused import left a root-owned .import.lock (and close a root-owned .index/), after which the owner's
        // own import failed on every run.
        Assert.Equal(0, SecondUser.Run(Append(OwnedBySecondUser())).ExitCode);
        string before = Snapshot(Root);
        string logs = ClaudeLogs();
        string other = Path.Combine(temp.Parent, "other");
        Assert.Equal(0, CliRunner.Run(Append(other, "s9")).ExitCode);

        var results = new[]
        {
            CliRunner.Run("import", "claude-code", "--root", Root, "--path", logs),
            CliRunner.Run("close", "--root", Root, "--session-id", "s1"),
            CliRunner.Run(Append(Root)),
            CliRunner.Run("merge", "--root", Root, other),
        };
        File.AppendAllText(Path.Combine(Root, $"events-{Month}.jsonl"), "garbage\n"); // something to repair
        before = Snapshot(Root);
        var repair = CliRunner.Run("doctor", "--root", Root, "--repair", "--yes");
        Assert.Equal(3, repair.ExitCode);
        Assert.Contains("belongs to user id", repair.Stderr);

        Assert.All(results, r => Assert.Equal(3, r.ExitCode));
        Assert.All(results, r => Assert.Contains("belongs to user id", r.Stderr));
        Assert.Equal(before, Snapshot(Root));
        Assert.Equal(0, SecondUser.Run("import", "claude-code", "--root", Root, "--path", logs).ExitCode);
        Assert.Equal(0, SecondUser.Run("doctor", "--root", Root, "--repair", "--yes").ExitCode);
    }

    [SecondUserFact]
    public void Doctor_LockFilesOfAnotherUserInTheStore_ReportedAndRepairRemovesThem()
    {
        // 11.5: what an older root-run writer left (root-owned lock files) is found, and the owner's repair removes it.
        Assert.Equal(0, SecondUser.Run(Append(OwnedBySecondUser())).ExitCode);
        File.WriteAllBytes(Path.Combine(Root, ".import.lock"), []);
        File.SetUnixFileMode(Path.Combine(Root, ".import.lock"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Delete(Path.Combine(Root, ".lock"));
        File.WriteAllBytes(Path.Combine(Root, ".lock"), []);
        File.SetUnixFileMode(Path.Combine(Root, ".lock"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(3, SecondUser.Run("import", "claude-code", "--root", Root, "--path", ClaudeLogs()).ExitCode);

        var examined = SecondUser.Run("doctor", "--root", Root);
        var repaired = SecondUser.Run("doctor", "--root", Root, "--repair", "--yes");

        Assert.Equal(1, examined.ExitCode);
        Assert.Contains(".import.lock", examined.Stdout);
        Assert.Contains("belongs to user id 0", examined.Stdout);
        Assert.Equal(0, repaired.ExitCode);
        Assert.Equal(0, SecondUser.Run("import", "claude-code", "--root", Root, "--path", ClaudeLogs()).ExitCode);
        Assert.Equal(0, SecondUser.Run(Append(OwnedBySecondUser())).ExitCode);
    }

    [UnixFact]
    public void Append_MonthFileIsASymbolicLink_RefusedAndTheLinkedFileUntouched()
    {
        // 11.6: append followed the link and wrote into the file it pointed at.
        Assert.Equal(0, CliRunner.Run(Append(Root)).ExitCode);
        string events = Path.Combine(Root, $"events-{Month}.jsonl");
        string target = Path.Combine(temp.Parent, "someone-elses.txt");
        File.WriteAllText(target, "not yours\n");
        File.Delete(events);
        File.CreateSymbolicLink(events, target);

        var r = CliRunner.Run(Append(Root));

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("is a symbolic link, not a regular file", r.Stderr);
        Assert.Equal("not yours\n", File.ReadAllText(target));
    }

    [UnixFact]
    public void DoctorAndAppend_MonthFileIsANamedPipe_NeitherHangsAndRepairRemovesIt()
    {
        // 11.6: doctor hung on the pipe and append crashed with NotSupported_UnseekableStream (exit 134).
        Assert.Equal(0, CliRunner.Run(Append(Root)).ExitCode);
        string events = Path.Combine(Root, $"events-{Month}.jsonl");
        File.Delete(events);
        Shell.Check("mkfifo", events);

        var doctor = CliRunner.Run("doctor", "--root", Root);
        var append = CliRunner.Run(Append(Root));
        var report = CliRunner.Run("report", "daily", "--root", Root);
        var close = CliRunner.Run("close", "--root", Root, "--session-id", "s1");

        Assert.Equal(1, doctor.ExitCode);
        Assert.Contains("a named pipe (FIFO) where a month file belongs", doctor.Stdout);
        Assert.Equal(3, append.ExitCode);
        Assert.Contains("is a named pipe (FIFO), not a regular file", append.Stderr);
        Assert.Single(append.Stderr.Trim().Split('\n'));
        Assert.InRange(report.ExitCode, 0, 3);
        Assert.InRange(close.ExitCode, 1, 3);
        Assert.Equal(0, CliRunner.Run("doctor", "--root", Root, "--repair", "--yes").ExitCode);
        Assert.False(File.Exists(events));
        Assert.Equal(0, CliRunner.Run(Append(Root)).ExitCode);
    }

    [UnixFact]
    public void Import_LogFolderHoldsANamedPipeAndALinkNamedJsonl_SkippedWithAWarningAndTheImportFinishes()
    {
        // 11 (log readers): import opened a FIFO named *.jsonl and blocked for ever waiting for a writer, and followed a
        // link named *.jsonl to whatever file it pointed at.
        string logs = ClaudeLogs();
        string pipe = Path.Combine(logs, "pipe.jsonl");
        Shell.Check("mkfifo", pipe);
        string elsewhere = Path.Combine(temp.Parent, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        string target = Path.Combine(elsewhere, "b.jsonl");
        File.WriteAllText(target, File.ReadAllText(Path.Combine(logs, "a.jsonl")).Replace("cc-1", "cc-linked", StringComparison.Ordinal).Replace("\"u1\"", "\"u9\"", StringComparison.Ordinal).Replace("\"r1\"", "\"r9\"", StringComparison.Ordinal).Replace("\"m1\"", "\"m9\"", StringComparison.Ordinal));
        string link = Path.Combine(logs, "linked.jsonl");
        File.CreateSymbolicLink(link, target);

        var r = CliRunner.Run("import", "claude-code", "--root", Root, "--path", logs);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"a log under {logs} (key ", r.Stderr);
        Assert.Contains(") is a named pipe (FIFO), not a regular file; skipped", r.Stderr);
        Assert.Contains(") is a symbolic link, not a regular file; skipped", r.Stderr);
        // Named by the directory the user gave and a key, never by the file's own path (#13: paths name projects).
        Assert.DoesNotContain("pipe.jsonl", r.Stderr);
        Assert.DoesNotContain("linked.jsonl", r.Stderr);
        Assert.DoesNotContain("cc-linked", r.Stderr);
        string events = File.ReadAllText(Path.Combine(Root, $"events-{DateTime.UtcNow.AddDays(-1):yyyy-MM}.jsonl"));
        Assert.Contains("cc-1", events);
        Assert.DoesNotContain("cc-linked", events);
    }

    [LinuxRootFact]
    public void Import_ReadOnlyFileSystem_AnIoErrorAtOnceNotBusy()
    {
        // 11.7: import waited 2 s and said "Another import ... is running" (exit 4).
        using var fs = new TmpfsMount(256);
        string root = Path.Combine(fs.Path, "store");
        Assert.Equal(0, CliRunner.Run(Append(root)).ExitCode);
        fs.RemountReadOnly();
        var clock = Stopwatch.StartNew();

        var r = CliRunner.Run("import", "claude-code", "--root", root, "--path", ClaudeLogs());

        Assert.Equal(3, r.ExitCode);
        Assert.DoesNotContain("Another import", r.Stderr);
        Assert.Contains("Read-only file system", r.Stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }

    [LinuxRootFact]
    public void Import_FirstImportOnAFullDisk_LeavesNoLockFileBehind()
    {
        // 11.9: a full disk left an empty .import.lock behind.
        using var fs = new TmpfsMount(64);
        string root = Path.Combine(fs.Path, "store");
        Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        fs.Fill();

        var r = CliRunner.Run("import", "claude-code", "--root", root, "--path", ClaudeLogs());

        Assert.Equal(3, r.ExitCode);
        Assert.False(File.Exists(Path.Combine(root, ".import.lock")), "the failed import left its lock file");
    }

    [UnixFact]
    public void Doctor_IndexSegmentLeftHalfWritten_ReportedAndRepairRemovesIt()
    {
        // 11.9: a full disk or a kill left .index/*.seg.tmp-PID behind, for ever.
        Assert.Equal(0, CliRunner.Run(Append(Root)).ExitCode);
        Assert.Equal(0, CliRunner.Run("close", "--root", Root, "--session-id", "s1").ExitCode);
        string leftover = Path.Combine(Root, ".index", $"events-{Month}.0-10.seg.tmp-4242");
        File.WriteAllBytes(leftover, [1, 2, 3]);

        var examined = CliRunner.Run("doctor", "--root", Root);

        Assert.Equal(1, examined.ExitCode);
        Assert.Contains("seg.tmp-4242", examined.Stdout);
        Assert.Equal(0, CliRunner.Run("doctor", "--root", Root, "--repair", "--yes").ExitCode);
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public void Export_OutputInAMissingDirectory_TheFrameworksMessageIsASentenceNotAResourceKey()
    {
        // 11.10: with UseSystemResourceKeys the user read "IO_PathNotFound_Path, …" instead of a sentence.
        Assert.Equal(0, CliRunner.Run(Append(Root)).ExitCode);
        string missing = Path.Combine(temp.Parent, "no-such-dir", "out.csv");

        var r = CliRunner.Run("export", "--root", Root, "--output", missing);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("Could not find a part of the path", r.Stderr);
        Assert.DoesNotMatch("[A-Z][A-Za-z]+_[A-Z][A-Za-z]+_", r.Stderr);
    }

    [Fact]
    public void Append_TimestampPastTheYear9999ByItsOffset_SaysOutOfRange()
    {
        var r = CliRunner.Run([.. Append(Root), "--ts", "9999-12-31T23:59:59-14:00"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is out of range", r.Stderr);
        Assert.DoesNotContain("not an ISO-8601 timestamp", r.Stderr);
    }

    [Fact]
    public void Append_CostMinusZero_StoredAsZero()
    {
        Assert.Equal(0, CliRunner.Run([.. Append(Root), "--cost-usd", "-0"]).ExitCode);

        string row = Assert.Single(temp.Lines("events-*.jsonl"));
        Assert.Contains("\"cost_usd\":0,", row);
        Assert.DoesNotContain("\"cost_usd\":-0", row);
    }
}

/// <summary>
/// A real second, unprivileged user (created once with useradd), for tests where root acts on that user's store. Needs
/// root on Linux with useradd and runuser; elsewhere the tests are skipped.
/// </summary>
internal static class SecondUser
{
    public const string Name = "zos-telemetry-test";

    public static readonly Lazy<bool> Available = new(() =>
    {
        if (!OperatingSystem.IsLinux() || Shell.EffectiveUserId.Value != 0)
        {
            return false;
        }

        if (Shell.Run("id", "-u", Name).ExitCode == 0)
        {
            return true;
        }

        return Shell.Run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", Name).ExitCode == 0
            || Shell.Run("id", "-u", Name).ExitCode == 0; // created meanwhile by a parallel test
    });

    /// <summary>Runs zos-telemetry as the second user, as that user's hook would.</summary>
    public static CliResult Run(params string[] args)
    {
        var psi = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in (string[])["-u", Name, "--", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", CliRunner.Command.File, .. CliRunner.Command.Prefix, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("zos-telemetry as the second user did not finish: " + string.Join(' ', args));
        }

        return new CliResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}

public sealed class SecondUserFactAttribute : FactAttribute
{
    public SecondUserFactAttribute()
    {
        if (!SecondUser.Available.Value)
        {
            Skip = "Needs root on Linux with useradd and runuser, to act on a real second user's store.";
        }
    }
}
