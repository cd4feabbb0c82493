// Retention and reset on a real store: prune keeps every row inside the horizon and none outside it, rewrites only
// the straddling month, survives a crash between write and rename; reset removes the sinks and counts the rows.
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class StoreRetentionTests : IDisposable
{
    /// <summary>90 days before Make.Now (2026-06-10T18:00Z).</summary>
    private static readonly DateTimeOffset Horizon = Make.Utc(2026, 3, 12, 18, 0);

    private static readonly DateTimeOffset[] Times =
    [
        Make.Utc(2026, 1, 15), Make.Utc(2026, 2, 20), Make.Utc(2026, 3, 5), Horizon.AddSeconds(-1),
        Horizon, Make.Utc(2026, 3, 20), Make.Utc(2026, 5, 1), Make.Utc(2026, 6, 10, 12),
    ];

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private TelemetryStore Store(List<StoreWarning>? warnings = null) => new(Root, w => warnings?.Add(w), () => Make.Now);

    /// <summary>One event per time (sessions e0..e7), and session rows closed on 2026-02-01, 2026-03-10 and 2026-03-20.</summary>
    private TelemetryStore Seed()
    {
        var store = Store();
        store.Append(Times.Select((t, i) => Make.Event(sessionId: "e" + i, ts: t)));
        foreach (var (id, closed) in new[] { ("e0", Make.Utc(2026, 2, 1)), ("e2", Make.Utc(2026, 3, 10)), ("e5", Make.Utc(2026, 3, 20)) })
        {
            new TelemetryStore(Root, clock: () => closed).Close(id);
        }

        return store;
    }

    private string[] Lines(string file) => File.Exists(Path.Combine(Root, file)) ? File.ReadAllLines(Path.Combine(Root, file)) : [];

    [Fact]
    public void Prune_KeepsEveryEventInsideTheHorizonAndNoneOutside()
    {
        var store = Seed();
        var inside = store.ReadEvents().Where(e => e.Timestamp >= Horizon).Select(e => e.SessionId).ToList();

        var result = StoreRetention.Prune(store, Horizon);

        Assert.Equal(inside, store.ReadEvents().Select(e => e.SessionId));
        Assert.Equal(["e4", "e5", "e6", "e7"], inside);
        Assert.Equal(4, result.EventsRemoved);
    }

    [Fact]
    public void Prune_SessionRows_GoByTheirCloseTime()
    {
        var store = Seed();

        var result = StoreRetention.Prune(store, Horizon);

        Assert.Equal(2, result.SessionRowsRemoved);
        Assert.Equal([Make.Utc(2026, 3, 20)], store.ReadSessionRows().Select(s => s.ClosedAt));
    }

    [Fact]
    public void Prune_DeletesOldMonthsRewritesTheStraddlingOneAndLeavesNewerFilesUntouched()
    {
        var store = Seed();
        byte[] may = File.ReadAllBytes(Path.Combine(Root, "events-2026-05.jsonl"));

        var result = StoreRetention.Prune(store, Horizon);

        Assert.Equal(["events-2026-01.jsonl", "events-2026-02.jsonl", "sessions-2026-02.jsonl"], result.FilesDeleted);
        Assert.Equal(["events-2026-03.jsonl", "sessions-2026-03.jsonl"], result.FilesRewritten);
        Assert.False(File.Exists(Path.Combine(Root, "events-2026-01.jsonl")));
        Assert.Equal(may, File.ReadAllBytes(Path.Combine(Root, "events-2026-05.jsonl")));
        Assert.Equal(2, Lines("events-2026-03.jsonl").Length);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Prune_RewrittenFile_StaysPrivate()
    {
        var store = Seed();

        StoreRetention.Prune(store, Horizon);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "events-2026-03.jsonl")));
    }

    [Fact]
    public void Prune_DryRun_ReportsTheSameAndChangesNothing()
    {
        var store = Seed();
        var before = Directory.GetFiles(Root).Order().Select(File.ReadAllBytes).ToList();

        var plan = StoreRetention.Prune(store, Horizon, dryRun: true);

        Assert.True(plan.DryRun);
        Assert.Equal((4L, 2L), (plan.EventsRemoved, plan.SessionRowsRemoved));
        Assert.Equal(before, Directory.GetFiles(Root).Order().Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public void Prune_CrashBetweenWriteAndRename_LeavesTheOldFileWhole()
    {
        var store = Seed();
        string march = Path.Combine(Root, "events-2026-03.jsonl");
        byte[] before = File.ReadAllBytes(march);
        string? tempSeen = null;

        var crash = Assert.Throws<InvalidOperationException>(() => StoreRetention.Prune(store, Horizon, dryRun: false, beforeRename: t =>
        {
            tempSeen = t;
            throw new InvalidOperationException("simulated crash");
        }));

        Assert.Equal("simulated crash", crash.Message);
        Assert.Equal(before, File.ReadAllBytes(march));
        Assert.True(File.Exists(tempSeen), "the flushed temporary file is what a crash leaves behind");
        Assert.Equal(2, File.ReadAllLines(tempSeen!).Length);
    }

    [Fact]
    public void Prune_AfterACrash_ReadersIgnoreTheTempFileAndTheNextPruneFinishesTheJob()
    {
        var store = Seed();
        Assert.Throws<InvalidOperationException>(() => StoreRetention.Prune(store, Horizon, false, _ => throw new InvalidOperationException("crash")));
        var warnings = new List<StoreWarning>();

        Assert.Equal(6, Store(warnings).ReadEvents().Count()); // January and February went; March is still whole
        Assert.Empty(warnings);

        var result = StoreRetention.Prune(store, Horizon);

        Assert.Equal(1, result.StaleTempFilesRemoved);
        Assert.Equal(["e4", "e5", "e6", "e7"], store.ReadEvents().Select(e => e.SessionId));
        Assert.DoesNotContain(Directory.GetFiles(Root), f => Path.GetFileName(f).EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Prune_UnreadableLines_KeptInTheStraddlingMonthDroppedWithOldMonths()
    {
        var store = Seed();
        File.AppendAllText(Path.Combine(Root, "events-2026-03.jsonl"), "{not json\n");
        File.AppendAllText(Path.Combine(Root, "events-2026-02.jsonl"), "{not json either\n");

        var result = StoreRetention.Prune(store, Horizon);

        Assert.Equal(1, result.UnreadableLinesKept);
        Assert.Contains("{not json", Lines("events-2026-03.jsonl"));
        Assert.Contains("events-2026-02.jsonl", result.FilesDeleted);
    }

    [Fact]
    public void Prune_NewRowFiledInAnOldMonth_IsKept()
    {
        var store = Seed();
        string misfiled = File.ReadAllLines(Path.Combine(Root, "events-2026-05.jsonl"))[0];
        File.AppendAllText(Path.Combine(Root, "events-2026-01.jsonl"), misfiled + "\n");

        var result = StoreRetention.Prune(store, Horizon);

        Assert.Contains("events-2026-01.jsonl", result.FilesRewritten);
        Assert.Equal([misfiled], Lines("events-2026-01.jsonl"));
    }

    [Fact]
    public void Prune_MissingRoot_DoesNothingAndCreatesNothing()
    {
        var result = StoreRetention.Prune(Store(), Horizon);

        Assert.Equal(0, result.RowsRemoved);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Prune_LockHeldByAnotherWriter_ThrowsBusyAndChangesNothing()
    {
        Seed();
        var before = Directory.GetFiles(Root, "*.jsonl").Order().Select(File.ReadAllBytes).ToList();
        using var held = StoreLock.Acquire(Root, TimeSpan.FromSeconds(1));
        var store = new TelemetryStore(Root) { LockTimeout = TimeSpan.FromMilliseconds(50) };

        Assert.Throws<StoreBusyException>(() => StoreRetention.Prune(store, Horizon));
        Assert.Equal(before, Directory.GetFiles(Root, "*.jsonl").Order().Select(File.ReadAllBytes).ToList());
    }

    [Theory]
    [InlineData("30", 30, null)]
    [InlineData("default", 90, null)]
    [InlineData("DEFAULT", 90, null)]
    [InlineData("2026-01-01", null, "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T12:00:00+02:00", null, "2026-01-01T10:00:00Z")]
    public void Horizon_Parse_DaysDefaultOrDate(string text, int? days, string? before)
    {
        var h = RetentionHorizon.Parse(text);

        Assert.Equal(days, h.Days);
        Assert.Equal(before, h.Before is DateTimeOffset b ? Iso8601.Format(b) : null);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("last week")]
    [InlineData("2027-01-01")]
    public void Horizon_BadOrFuture_Refused(string text)
    {
        Assert.Throws<ArgumentException>(() => RetentionHorizon.Parse(text).Resolve(Make.Now));
    }

    [Fact]
    public void Horizon_Days_CountBackFromNow()
    {
        Assert.Equal(Horizon, RetentionHorizon.Default.Resolve(Make.Now));
    }

    [Fact]
    public void ResetPlan_CountsRowsAndChangesNothing()
    {
        Seed();
        var before = Directory.GetFiles(Root).Order().Select(File.ReadAllBytes).ToList();

        var plan = StoreReset.Plan(Store());

        Assert.False(plan.Removed);
        Assert.Equal((8L, 3L, 7), (plan.EventRows, plan.SessionRows, plan.Files));
        Assert.Equal(before, Directory.GetFiles(Root).Order().Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public void Reset_RemovesEverySinkAndCountsTheRows_LeavesOtherFiles()
    {
        var store = Seed();
        File.WriteAllText(Path.Combine(Root, "notes.txt"), "mine");

        var result = StoreReset.Reset(store);

        Assert.True(result.Removed);
        Assert.Equal(11, result.Rows);
        Assert.Empty(store.ReadEvents());
        Assert.Empty(store.ReadSessionRows());
        Assert.True(File.Exists(Path.Combine(Root, "notes.txt")));
        Assert.Empty(Directory.GetFiles(Root, "*.jsonl"));
    }

    [Fact]
    public void AtomicFile_Write_ReplacesContentAndLeavesNoTempFile()
    {
        string path = temp.Combine("out.csv");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllBytes(path, "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void AtomicFile_WriterThrows_OldFileStays()
    {
        string path = temp.Combine("out.csv");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Theory]
    [InlineData(".events-2026-03.jsonl.0123456789abcdef0123456789abcdef.tmp", true)]
    [InlineData("events-2026-03.jsonl", false)]
    [InlineData(".mine.tmp", false)]
    [InlineData(".events-2026-03.jsonl.0123456789ABCDEF0123456789abcdef.tmp", false)]
    public void AtomicFile_IsTempFile_OnlyItsOwnNames(string name, bool expected)
    {
        Assert.Equal(expected, AtomicFile.IsTempFile(name));
    }
}
