// zos-telemetry doctor as a process: the per-file report, its exit codes, and --repair with and without confirmation.
using System.Text.Json;

namespace ZosTelemetry.Tests;

public sealed class DoctorCliTests : IDisposable
{
    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private CliResult Zt(params string[] args) => CliRunner.Run([.. args, "--root", root.Path_]);

    private string EventsFile => Path.Combine(root.Path_, "events-2026-06.jsonl");

    private void DamagedStore()
    {
        Assert.Equal(0, Zt("append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--ts", "2026-06-10T18:00:00Z").ExitCode);
        Assert.Equal(0, Zt("append", "--session-id", "s2", "--system", "a", "--kind", "user_message", "--ts", "2026-06-10T18:01:00Z").ExitCode);
        File.AppendAllText(EventsFile, "this is not json\n{\"schema\":1,\"ts\":\"2026-06");
    }

    [Fact]
    public void Doctor_HealthyStore_ReportsEveryFileOk_ExitsZero()
    {
        Assert.Equal(0, Zt("append", "--session-id", "s1", "--system", "a", "--kind", "user_message").ExitCode);

        var r = Zt("doctor");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"store: {root.Path_} (mode 0700)", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"events-\d{4}-\d{2}\.jsonl\s+events\s+1\s+0\s+1\s+-\s+-\s+S2\s+0600\s+ok", r.Stdout);
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void Doctor_DailyFactsOfAnEventsFileThatGrew_SaysTheyAreHealthy_ExitsZero_RepairKeepsThem()
    {
        Assert.Equal(0, Zt("append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--ts", "2026-06-10T18:00:00Z").ExitCode);
        Assert.Equal(0, Zt("report", "daily").ExitCode); // keeps .index/events-2026-06.facts
        Assert.Equal(0, Zt("append", "--session-id", "s2", "--system", "a", "--kind", "user_message", "--ts", "2026-06-10T18:01:00Z").ExitCode);
        string facts = Path.Combine(root.Path_, ".index", "events-2026-06.facts");

        var r = Zt("doctor");
        var repair = Zt("doctor", "--repair", "--yes");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("events-2026-06.facts: daily facts of an events file that grew by appends since; healthy, brought up to date on the next read.", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("leftover", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, repair.ExitCode);
        Assert.True(File.Exists(facts));
    }

    [Fact]
    public void Doctor_RowThatBreaksTheContract_FlaggedWithItsClassExitsOneWithoutQuotingIt()
    {
        Directory.CreateDirectory(root.Path_);
        File.WriteAllText(Path.Combine(root.Path_, "events-2026-06.jsonl"),
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"my secret plan","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":[]}""" + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root.Path_, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.Combine(root.Path_, "events-2026-06.jsonl"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var text = Zt("doctor");
        var json = Zt("doctor", "--json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("line 1 breaks the contract: system (14 characters) is refused", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"S2\s+0600\s+breaks-contract", text.Stdout);
        Assert.DoesNotContain("secret", text.Stdout + json.Stdout, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal("S2", doc.RootElement.GetProperty("sensitivity_class").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("contract_violations").GetArrayLength());
    }

    [Fact]
    public void Doctor_MissingStore_SaysSo_ExitsZeroCreatesNothing()
    {
        var r = Zt("doctor");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("does not exist yet", r.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root.Path_));
    }

    [Fact]
    public void Doctor_DamagedFile_ListsLinesAndReasons_ExitsOne_ChangesNothing()
    {
        DamagedStore();
        byte[] before = File.ReadAllBytes(EventsFile);

        var r = Zt("doctor");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("line 3: malformed JSON", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 4: torn last line", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("repairable", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("doctor --repair", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(EventsFile));
    }

    [Fact]
    public void DoctorJson_OneObjectPerFile_WithSkippedLines()
    {
        DamagedStore();

        var r = Zt("doctor", "--json");

        using var doc = JsonDocument.Parse(Assert.Single(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var f = doc.RootElement;
        Assert.Equal("events-2026-06.jsonl", f.GetProperty("file").GetString());
        Assert.Equal(2, f.GetProperty("rows").GetInt32());
        Assert.Equal(2, f.GetProperty("skipped_rows").GetInt32());
        Assert.Equal([3, 4], f.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("line").GetInt32()));
        Assert.Equal(2, f.GetProperty("sessions_without_summary").GetInt32());
        Assert.Equal("repairable", f.GetProperty("status").GetString());
    }

    [Fact]
    public void DoctorRepair_NotConfirmed_ChangesNothing_ExitsOne()
    {
        DamagedStore();
        byte[] before = File.ReadAllBytes(EventsFile);

        var r = CliRunner.RunWithStdin("n\n", "doctor", "--repair", "--root", root.Path_);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("[y/N]", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(EventsFile));
    }

    [Fact]
    public void DoctorRepair_NoAnswerOnStdin_ChangesNothing()
    {
        DamagedStore();
        byte[] before = File.ReadAllBytes(EventsFile);

        Assert.Equal(1, Zt("doctor", "--repair").ExitCode);

        Assert.Equal(before, File.ReadAllBytes(EventsFile));
    }

    [Fact]
    public void DoctorRepair_Confirmed_RewritesWithoutUnusableLines_ExitsZero()
    {
        DamagedStore();

        var r = CliRunner.RunWithStdin("y\n", "doctor", "--repair", "--root", root.Path_);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("repaired events-2026-06.jsonl: kept 2 rows, removed 2 unusable lines", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(EventsFile).Length);
        Assert.Equal(0, Zt("doctor").ExitCode);
        Assert.Empty(Zt("sessions").Stderr);
    }

    [Fact]
    public void DoctorRepairYes_NoQuestionAsked()
    {
        DamagedStore();

        var r = Zt("doctor", "--repair", "--yes");

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("[y/N]", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(EventsFile).Length);
    }

    [Fact]
    public void Doctor_BadLockTimeoutVariable_ReportStillRuns_RepairRefused()
    {
        DamagedStore();
        var environment = new Dictionary<string, string?> { ["ZOS_LOCK_TIMEOUT"] = "forever" };

        var report = CliRunner.Run(["doctor", "--root", root.Path_], null, environment);
        var repair = CliRunner.Run(["doctor", "--repair", "--yes", "--root", root.Path_], null, environment);

        Assert.Equal(1, report.ExitCode);
        Assert.Contains("repairable", report.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, repair.ExitCode);
        Assert.Contains("$ZOS_LOCK_TIMEOUT must be a number of seconds", repair.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_RootIsAFile_ExitsThree()
    {
        Directory.CreateDirectory(root.Parent);
        File.WriteAllText(root.Path_, "x");

        var r = Zt("doctor");

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("is a file, not a directory", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DoctorRepair_LockHeld_ExitsFourChangesNothing()
    {
        DamagedStore();
        byte[] before = File.ReadAllBytes(EventsFile);
        using var held = new FileStream(Path.Combine(root.Path_, ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var r = Zt("doctor", "--repair", "--yes", "--lock-timeout", "0.2");

        Assert.Equal(4, r.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(EventsFile));
    }
}
