// The doctor on real, damaged stores: each kind of damage is found, counted per file with line and reason, and a
// repair rewrites the file without the unusable lines (keeping rows of a newer schema), atomically, under the lock.
using System.Runtime.Versioning;
using System.Text;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class StoreDoctorTests : IDisposable
{
    private const string GoodRow = """{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"good-1","system":"claude-code","kind":"user_message","markers":[]}""";
    private const string OtherGoodRow = """{"schema":1,"ts":"2026-06-10T13:00:00Z","session_id":"good-2","system":"claude-code","kind":"assistant_message","markers":[]}""";
    private const string NewerRow = """{"schema":2,"ts":"2026-06-10T14:00:00Z","session_id":"new-1","system":"claude-code","kind":"user_message","shape":{"v":2}}""";

    private readonly TempRoot temp = new();
    private readonly List<StoreWarning> warnings = [];

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private TelemetryStore NewStore() => new(Root, warnings.Add, () => Make.Now);

    private StoreDoctor Doctor() => new(NewStore());

    private string WriteRaw(string fileName, string content)
    {
        Directory.CreateDirectory(Root);
        string path = Path.Combine(Root, fileName);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // as the store creates its files
        }

        return path;
    }

    private StoreFileReport FileReport(string name) => Assert.Single(Doctor().Examine().Files, f => f.Name == name);

    [Fact]
    public void Examine_MissingRoot_NothingToCheckAndCreatesNothing()
    {
        var report = Doctor().Examine();

        Assert.False(report.Exists);
        Assert.True(report.IsHealthy);
        Assert.Empty(report.Files);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Examine_RootIsAFile_StoreExceptionNotAMissingStore()
    {
        Directory.CreateDirectory(temp.Path);
        File.WriteAllText(Root, "not a directory");

        Assert.Contains("is a file", Assert.Throws<StoreException>(() => Doctor().Examine()).Message, StringComparison.Ordinal);
        Assert.Throws<StoreException>(() => Doctor().Repair());
        Assert.Equal("not a directory", File.ReadAllText(Root));
    }

    [Fact]
    public void Examine_StoreWrittenByTheStore_EveryFileOk()
    {
        var store = NewStore();
        store.Append([Make.Event(sessionId: "a"), Make.Event(sessionId: "b", ts: Make.Utc(2026, 5, 3))]);
        store.Close("a");

        var report = Doctor().Examine();

        Assert.True(report.IsHealthy);
        Assert.False(report.NeedsRepair);
        Assert.Equal(["events-2026-05.jsonl", "events-2026-06.jsonl", "sessions-2026-06.jsonl"], report.Files.Select(f => f.Name));
        Assert.All(report.Files, f => Assert.Equal("ok", f.Status));
        Assert.Equal(3, report.Rows);
    }

    [Fact]
    public void Examine_LineOfGarbage_SkippedWithLineAndReason()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n" + "\u0001garbage}{\n" + OtherGoodRow + "\n");

        var f = FileReport("events-2026-06.jsonl");

        Assert.Equal(2, f.Rows);
        var skipped = Assert.Single(f.Skipped);
        Assert.Equal(2, skipped.Line);
        Assert.Contains("malformed JSON", skipped.Reason, StringComparison.Ordinal);
        Assert.False(skipped.KeptByRepair);
        Assert.Equal("repairable", f.Status);
    }

    [Fact]
    public void Examine_TruncatedFile_TornLastLineReported()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n" + OtherGoodRow[..50]);

        var skipped = Assert.Single(FileReport("events-2026-06.jsonl").Skipped);

        Assert.Equal(2, skipped.Line);
        Assert.StartsWith("torn last line", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Examine_RowWithWrongType_ReasonNamesTheField()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow.Replace("\"markers\":[]", "\"markers\":\"corr.strong.1\"", StringComparison.Ordinal) + "\n");

        Assert.Contains("markers", Assert.Single(FileReport("events-2026-06.jsonl").Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Examine_RowOfAFutureSchema_SkippedButKeptByRepair()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n" + NewerRow + "\n");

        var f = FileReport("events-2026-06.jsonl");

        var skipped = Assert.Single(f.Skipped);
        Assert.True(skipped.KeptByRepair);
        Assert.Contains("schema 2", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(0, f.RemovableLines);
        Assert.Equal("newer-rows", f.Status);
        Assert.False(f.NeedsRepair);
    }

    [Fact]
    public void Examine_CrlfLineEnds_EveryRowReadNothingSkipped()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\r\n" + OtherGoodRow + "\r\n");

        var f = FileReport("events-2026-06.jsonl");

        Assert.Equal(2, f.Rows);
        Assert.Empty(f.Skipped);
    }

    [Fact]
    public void Examine_SessionClosedTwice_OneDuplicateSummary()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "twice"));
        store.Close("twice");
        store.Close("twice");

        var f = FileReport("sessions-2026-06.jsonl");

        Assert.Equal(2, f.Rows);
        Assert.Equal(1, f.DuplicateSummaries);
        Assert.Equal("ok", f.Status);
    }

    [Fact]
    public void Examine_OpenSessionAndOrphanSummary_CountedOnTheirFiles()
    {
        var store = NewStore();
        store.Append([Make.Event(sessionId: "closed"), Make.Event(sessionId: "open-1"), Make.Event(sessionId: "open-2")]);
        store.Close("closed");
        File.AppendAllText(Path.Combine(Root, "sessions-2026-06.jsonl"),
            """{"schema":1,"ts_closed":"2026-06-10T17:00:00Z","session_id":"orphan","system":"x","first_ts":"2026-06-10T16:00:00Z","last_ts":"2026-06-10T16:30:00Z"}""" + "\n");

        var report = Doctor().Examine();

        Assert.Equal(2, report.Files.Single(f => f.Kind == StoreFileKind.Events).SessionsWithoutSummary);
        Assert.Equal(1, report.Files.Single(f => f.Kind == StoreFileKind.Sessions).SummariesWithoutEvents);
    }

    [Fact]
    public void Examine_LeftoverOfAKilledRepair_ReportedAsRepairable()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n");
        WriteRaw(".events-2026-06.jsonl.repair-0badf00d.tmp", GoodRow[..30]);

        var leftover = Assert.Single(Doctor().Examine().Files, f => f.Kind == StoreFileKind.Leftover);

        Assert.Equal(".events-2026-06.jsonl.repair-0badf00d.tmp", leftover.Name);
        Assert.True(leftover.NeedsRepair);
        Assert.Single(NewStore().ReadEvents()); // readers never open it
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Examine_FileReadableByOthers_NotPrivate()
    {
        string path = WriteRaw("events-2026-06.jsonl", GoodRow + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        var f = FileReport("events-2026-06.jsonl");

        Assert.Equal("0644", f.Mode);
        Assert.False(f.IsPrivate);
        Assert.True(f.NeedsRepair);
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Examine_DirectoryOpenToOthers_RootProblem()
    {
        NewStore().Append(Make.Event());
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);

        var report = Doctor().Examine();

        Assert.Equal("0755", report.Mode);
        Assert.Contains("expected 0700", Assert.Single(report.RootProblems), StringComparison.Ordinal);
        Assert.True(report.RootNeedsRepair);
    }

    [Fact]
    public void Repair_RemovesUnusableLines_KeepsEveryRowAndNewerSchemaRowsAsTheyWere()
    {
        string path = WriteRaw("events-2026-06.jsonl",
            GoodRow + "\r\n" + "not json\n" + "\n" + NewerRow + "\n" + GoodRow.Replace("\"kind\"", "\"kind\":3,\"x\"", StringComparison.Ordinal) + "\n" + OtherGoodRow + "\n" + GoodRow[..20]);

        var result = Assert.Single(Doctor().Repair());

        Assert.Equal(3, result.KeptRows);
        Assert.Equal(3, result.RemovedLines);
        Assert.Equal(GoodRow + "\n" + NewerRow + "\n" + OtherGoodRow + "\n", File.ReadAllText(path));
        Assert.Equal(["good-1", "good-2"], NewStore().ReadEvents().Select(e => e.SessionId));
        Assert.Single(warnings); // the newer row, which this version cannot read
    }

    [Fact]
    public void Repair_ThenExamine_NothingLeftToRepair()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\ngarbage\n" + OtherGoodRow);
        WriteRaw("sessions-2026-06.jsonl", "{\"schema\":1}\n");

        Doctor().Repair();
        var report = Doctor().Examine();

        Assert.False(report.NeedsRepair);
        Assert.True(report.IsHealthy);
        Assert.Empty(Directory.GetFiles(Root, "*.tmp"));
    }

    [Fact]
    public void Repair_HealthyStore_TouchesNothing()
    {
        var store = NewStore();
        store.Append(Make.Event());
        string path = Path.Combine(Root, "events-2026-06.jsonl");
        var written = File.GetLastWriteTimeUtc(path);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.Empty(Doctor().Repair());

        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Repair_NamedFile_OnlyThatFileIsRewritten()
    {
        WriteRaw("events-2026-05.jsonl", GoodRow.Replace("06-10", "05-10", StringComparison.Ordinal) + "\ngarbage\n");
        string june = WriteRaw("events-2026-06.jsonl", GoodRow + "\ngarbage\n");

        var result = Assert.Single(Doctor().Repair(["events-2026-05.jsonl"]));

        Assert.Equal("events-2026-05.jsonl", result.Name);
        Assert.Equal(GoodRow + "\ngarbage\n", File.ReadAllText(june));
    }

    [Fact]
    public void Repair_LeftoverOfAKilledRepair_Deleted()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n");
        string leftover = WriteRaw(".events-2026-06.jsonl.repair-0badf00d.tmp", GoodRow[..30]);

        var result = Assert.Single(Doctor().Repair());

        Assert.True(result.Deleted);
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public void Repair_LockHeldByAWriter_BusyAndFileUnchanged()
    {
        string path = WriteRaw("events-2026-06.jsonl", GoodRow + "\ngarbage\n");
        using var held = new FileStream(Path.Combine(Root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var doctor = new StoreDoctor(new TelemetryStore(Root, clock: () => Make.Now) { LockTimeout = TimeSpan.FromMilliseconds(100) });

        Assert.Throws<StoreBusyException>(() => doctor.Repair());

        Assert.Equal(GoodRow + "\ngarbage\n", File.ReadAllText(path));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Repair_LooseFileAndDirectory_MadePrivate()
    {
        NewStore().Append(Make.Event());
        string path = Path.Combine(Root, "events-2026-06.jsonl");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_111_111);

        var result = Assert.Single(Doctor().Repair());

        Assert.True(result.ModeFixed);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Root));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Repair_RewrittenFile_IsPrivateFromTheStart()
    {
        string path = WriteRaw("events-2026-06.jsonl", GoodRow + "\ngarbage\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        Doctor().Repair();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Repair_WhileAnotherThreadAppends_LosesNoAppend()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n");
        const int appends = 300;
        var writer = Task.Run(() =>
        {
            var store = new TelemetryStore(Root, clock: () => Make.Now) { LockTimeout = TimeSpan.FromSeconds(30) };
            for (int i = 0; i < appends; i++)
            {
                store.Append(Make.Event(sessionId: $"w-{i}"));
            }
        });
        var doctor = new StoreDoctor(new TelemetryStore(Root, clock: () => Make.Now) { LockTimeout = TimeSpan.FromSeconds(30) });
        int repairs = 0;
        while (!writer.IsCompleted && repairs < 25)
        {
            // Damage the file the way a killed writer would, then repair it while appends keep coming.
            using (StoreLock.Acquire(Root, TimeSpan.FromSeconds(30)))
            {
                File.AppendAllText(Path.Combine(Root, "events-2026-06.jsonl"), "{\"torn\n");
            }

            doctor.Repair();
            repairs++;
            Thread.Sleep(10); // let the writer in: both poll for the same lock
        }

        await writer;
        doctor.Repair();

        var ids = NewStore().ReadEvents().Select(e => e.SessionId).ToList();
        Assert.Equal(appends + 1, ids.Count);
        Assert.Equal(appends + 1, ids.Distinct().Count());
        Assert.Empty(warnings);
        Assert.True(repairs > 0);
    }
}
