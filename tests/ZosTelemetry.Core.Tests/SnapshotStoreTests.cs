// Snapshots in the store: written as one row to snapshots-YYYY-MM.jsonl with the suggestion events of their records,
// read back newest last, read from the end with Last, refused whole when a record is bad, and carried by the store's
// maintenance (prune, reset, merge, doctor, export) like the other sinks.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Export;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SnapshotStoreTests : IDisposable
{
    private readonly TempRoot temp = new();
    private DateTimeOffset now = Make.Now;

    public void Dispose() => temp.Dispose();

    private TelemetryStore Store(string name = "store", List<StoreWarning>? warnings = null) =>
        new(temp.Combine(name), warnings is null ? null : warnings.Add, () => now);

    private static SnapshotBuilder Builder(string system = "router", string? user = null, params PredictionRecord[] records)
    {
        var b = new SnapshotBuilder(new SnapshotOptions { System = system, User = user }, Make.Now);
        foreach (var r in records)
        {
            b.Add(r);
        }

        return b;
    }

    private static PredictionRecord R(string label, double? confidence = null, bool suggested = false, DateTimeOffset? ts = null) =>
        new() { Label = label, Confidence = confidence, Suggested = suggested, Timestamp = ts };

    [Fact]
    public void AppendSnapshot_WritesOneRowToTheMonthFile_AndReadsBackEqual()
    {
        var store = Store();
        var written = store.AppendSnapshot(Builder(records: [R("premium", 0.9), R("unknown", 0.2)]));

        string file = temp.Combine("store", "snapshots-2026-06.jsonl");
        Assert.Single(File.ReadAllLines(file));
        var read = Assert.Single(store.ReadSnapshots());
        Assert.Equal(Encoding.UTF8.GetString(SnapshotRowCodec.Line(written)), Encoding.UTF8.GetString(SnapshotRowCodec.Line(read)));
        Assert.Equal(Make.Now, read.Timestamp);
        Assert.Equal(0.5, read.RejectRate);
    }

    [Fact]
    public void Row_HasExactlyTheIssuesFieldsInOrder()
    {
        var store = Store();
        store.AppendSnapshot(Builder(records: [R("a", 0.5)]));

        string line = File.ReadAllText(temp.Combine("store", "snapshots-2026-06.jsonl"));
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal(
            ["schema", "ts", "system", "user", "window_start", "window_end", "total_windows", "feature_missingness", "confidence_stats",
             "reject_rate", "mean_entropy", "class_distribution", "schema_version", "suggestions_per_day"],
            doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["mean", "median", "p5", "p95", "std"], doc.RootElement.GetProperty("confidence_stats").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Row_WithoutConfidence_HasNullConfidenceStats()
    {
        var store = Store();
        store.AppendSnapshot(Builder(records: [R("a")]));

        Assert.Contains("\"confidence_stats\":null", File.ReadAllText(temp.Combine("store", "snapshots-2026-06.jsonl")), StringComparison.Ordinal);
        Assert.Null(Assert.Single(store.ReadSnapshots()).ConfidenceStats);
    }

    [Fact]
    public void AppendSnapshot_UserIsTheHashOfTheName()
    {
        var store = Store();
        store.AppendSnapshot(Builder(user: store.HashUser("alice"), records: [R("a")]));

        Assert.Equal(store.HashUser("alice"), Assert.Single(store.ReadSnapshots(new SnapshotQuery { User = store.LookupUserHash("alice") })).User);
        Assert.DoesNotContain("alice", File.ReadAllText(temp.Combine("store", "snapshots-2026-06.jsonl")), StringComparison.Ordinal);
        Assert.Empty(store.ReadSnapshots(new SnapshotQuery { User = store.LookupUserHash("bob") }));
    }

    [Fact]
    public void AppendSnapshot_SuggestedRecords_BecomeSuggestionEventsCountedInTheRow()
    {
        var store = Store();
        store.Append(new TelemetryEvent { Timestamp = Make.Now.AddHours(-1), SessionId = "s", System = "router", Kind = EventKinds.Suggestion });
        store.Append(new TelemetryEvent { Timestamp = Make.Now.AddHours(-1), SessionId = "s", System = "other", Kind = EventKinds.Suggestion });

        var s = store.AppendSnapshot(Builder(records: [R("a", suggested: true, ts: Make.Now.AddHours(-2)), R("b", suggested: true), R("c"), R("d", suggested: true, ts: Make.Now.AddDays(-3))]));

        Assert.Equal(3, s.SuggestionsPerDay); // the event appended before and two records of today; the third is of another day
        var suggestions = store.ReadEvents(new EventQuery { Kind = EventKinds.Suggestion, System = "router" }).ToList();
        Assert.Equal(4, suggestions.Count);
        Assert.All(suggestions.Skip(1), e => Assert.StartsWith("snapshot-20260610T180000000Z", e.SessionId, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadSnapshots_ManyMonths_NewestLastAndFiltered()
    {
        var store = Store();
        for (int i = 5; i >= 0; i--)
        {
            now = Make.Now.AddDays(-20 * i);
            store.AppendSnapshot(Builder(system: i % 2 == 0 ? "router" : "intent", records: [R("a")]));
        }

        now = Make.Now;
        var all = store.ReadSnapshots().ToList();
        Assert.Equal(6, all.Count);
        Assert.Equal(all.OrderBy(s => s.Timestamp).Select(s => s.Timestamp), all.Select(s => s.Timestamp));
        Assert.Equal(3, store.ReadSnapshots(new SnapshotQuery { System = "router" }).Count());
        Assert.Equal(2, store.ReadSnapshots(new SnapshotQuery { Since = Make.Now.AddDays(-30) }).Count());
        Assert.Equal(4, store.ReadSnapshots(new SnapshotQuery { Until = Make.Now.AddDays(-30) }).Count());
    }

    [Fact]
    public void ReadSnapshots_Last_IsTheNewestNInOrder_AcrossFilesAndFilters()
    {
        var store = Store();
        for (int i = 9; i >= 0; i--)
        {
            now = Make.Now.AddDays(-10 * i);
            store.AppendSnapshot(Builder(system: i % 3 == 0 ? "router" : "intent", records: [R("a")]));
        }

        now = Make.Now;
        var all = store.ReadSnapshots().ToList();
        Assert.Equal(all.TakeLast(4).Select(s => s.Timestamp), store.ReadSnapshots(new SnapshotQuery { Last = 4 }).Select(s => s.Timestamp));
        Assert.Equal(all.Where(s => s.System == "router").TakeLast(3).Select(s => s.Timestamp), store.ReadSnapshots(new SnapshotQuery { Last = 3, System = "router" }).Select(s => s.Timestamp));
        Assert.Equal(10, store.ReadSnapshots(new SnapshotQuery { Last = 50 }).Count());
        Assert.Empty(store.ReadSnapshots(new SnapshotQuery { Last = 0 }));
    }

    [Fact]
    public void ReadSnapshots_Last_SkipsAnUnreadableLineWithAWarning()
    {
        var warnings = new List<StoreWarning>();
        var store = Store(warnings: warnings);
        store.AppendSnapshot(Builder(records: [R("a")]));
        File.AppendAllText(temp.Combine("store", "snapshots-2026-06.jsonl"), "{\"schema\":1,\"torn\n");

        Assert.Single(store.ReadSnapshots(new SnapshotQuery { Last = 5 }));
        Assert.Single(warnings);
    }

    [Fact]
    public void ReadSnapshots_RowThatBreaksTheRules_IsSkipped()
    {
        var warnings = new List<StoreWarning>();
        var store = Store(warnings: warnings);
        Directory.CreateDirectory(temp.Combine("store"));
        File.WriteAllText(temp.Combine("store", "snapshots-2026-06.jsonl"),
            "{\"schema\":1,\"ts\":\"2026-06-10T10:00:00Z\",\"system\":\"router\",\"total_windows\":1,\"class_distribution\":{\"the user wants a refund\":1}}\n");

        Assert.Empty(store.ReadSnapshots());
        Assert.Contains("label", Assert.Single(warnings).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRecord_RefusedBeforeAnythingIsWritten()
    {
        var store = Store();
        store.AppendSnapshot(Builder(records: [R("a")]));
        byte[] before = CanaryMessages.AllBytesUnder(temp.Combine("store"));

        var builder = Builder(records: [R("a")]);
        Assert.Throws<TelemetryValidationException>(() => builder.Add(R("a", 7)));

        Assert.Equal(before, CanaryMessages.AllBytesUnder(temp.Combine("store")));
    }

    [Fact]
    public void Prune_RemovesOldSnapshotsAndCountsThem()
    {
        var store = Store();
        now = Make.Now.AddDays(-100);
        store.AppendSnapshot(Builder(records: [R("a")]));
        now = Make.Now;
        store.AppendSnapshot(Builder(records: [R("a")]));

        var result = StoreRetention.Prune(store, Make.Now.AddDays(-90));

        Assert.Equal(1, result.SnapshotRowsRemoved);
        Assert.Equal(1, result.RowsRemoved);
        Assert.Single(store.ReadSnapshots());
    }

    [Fact]
    public void Reset_RemovesSnapshotFilesAndCountsTheirRows()
    {
        var store = Store();
        store.AppendSnapshot(Builder(records: [R("a")]));
        store.AppendSnapshot(Builder(records: [R("b")]));

        Assert.Equal(2, StoreReset.Plan(store).SnapshotRows);
        var result = StoreReset.Reset(store);

        Assert.Equal(2, result.SnapshotRows);
        Assert.Empty(store.ReadSnapshots());
        Assert.False(File.Exists(temp.Combine("store", "snapshots-2026-06.jsonl")));
    }

    [Fact]
    public void Merge_AddsSnapshotsOnce()
    {
        var source = Store("source");
        source.AppendSnapshot(Builder(records: [R("a", 0.4)]));
        now = Make.Now.AddMinutes(1);
        source.AppendSnapshot(Builder(records: [R("b", 0.6)]));
        var target = Store("target");

        var first = Assert.Single(new StoreMerger(target).Merge([source.Root]));
        var second = Assert.Single(new StoreMerger(target).Merge([source.Root]));

        Assert.Equal((2, 2), (first.SnapshotsRead, first.SnapshotsAdded));
        Assert.Equal((2, 0), (second.SnapshotsRead, second.SnapshotsAdded));
        Assert.Equal(2, target.ReadSnapshots().Count());
    }

    [Fact]
    public void Doctor_ReportsAndRepairsSnapshotFiles()
    {
        var store = Store();
        store.AppendSnapshot(Builder(records: [R("a")]));
        File.AppendAllText(temp.Combine("store", "snapshots-2026-06.jsonl"), "not json\n");
        var doctor = new StoreDoctor(store);

        var report = Assert.Single(doctor.Examine().Files, f => f.Kind == StoreFileKind.Snapshots);
        Assert.Equal((1L, 1), (report.Rows, report.SkippedRows));

        var repaired = Assert.Single(doctor.Repair());
        Assert.Equal(StoreFileKind.Snapshots, repaired.Kind);
        Assert.Single(File.ReadAllLines(temp.Combine("store", "snapshots-2026-06.jsonl")));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void SnapshotFile_IsPrivateToTheUser()
    {
        var store = Store();
        store.AppendSnapshot(Builder(records: [R("a")]));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Combine("store", "snapshots-2026-06.jsonl")));
    }

    [Fact]
    public void KnownSystems_IncludesSystemsThatOnlyWriteSnapshots()
    {
        var store = Store();
        store.AppendSnapshot(Builder(system: "intent-classifier", records: [R("a")]));

        Assert.Contains("intent-classifier", store.KnownSystems());
    }

    [Fact]
    public void Export_SnapshotsAsCsv_FlatColumnsAndPairs()
    {
        var store = Store();
        store.AppendSnapshot(Builder(records: [R("premium", 0.9), R("basic", 0.5)]));
        using var output = new MemoryStream();

        long rows = TelemetryExport.WriteSnapshots(output, ExportFormat.Csv, store.ReadSnapshots());

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, rows);
        Assert.Equal(string.Join(',', TelemetryExport.SnapshotColumns), lines[0]);
        Assert.Contains("basic=0.5 premium=0.5", lines[1], StringComparison.Ordinal);
        Assert.Equal(ExportKind.Snapshots, ExportNames.ParseKind("snapshots"));
    }
}
