// Merging stores: rows of other stores are added once, however often a merge runs, events with and without ids
// alike; nothing a merge writes could not have been appended; and what it did is counted per source.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class StoreMergerTests : IDisposable
{
    private readonly TempRoot temp = new();
    private readonly List<StoreWarning> warnings = [];

    public void Dispose() => temp.Dispose();

    private TelemetryStore Store(string name) => new(temp.Combine(name), warnings.Add, () => Make.Now);

    private IReadOnlyList<MergeResult> Merge(string target, params string[] sources) =>
        new StoreMerger(Store(target), warnings.Add, () => Make.Now).Merge(sources.Select(s => temp.Combine(s)).ToList());

    private void WriteRaw(string store, string fileName, params string[] lines)
    {
        Directory.CreateDirectory(temp.Combine(store));
        File.WriteAllText(temp.Combine(store, fileName), string.Join("\n", lines) + "\n", new UTF8Encoding(false));
    }

    // Two schema-1 rows without event_id, as older writers and the Python reference implementation wrote them.
    private const string OldRow = """{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"old-1","system":"claude-code","context":null,"role":null,"kind":"user_message","model":null,"tokens_in":1,"tokens_out":2,"cost_usd":0.5,"markers":["corr.strong.1"]}""";

    private const string OldRowOtherLayout = """{"session_id":"old-1","schema":1,"system":"claude-code","ts":"2026-06-10T12:00:00.000Z","kind":"user_message","tokens_in":1,"tokens_out":2,"cost_usd":0.5,"markers":["corr.strong.1"],"comment":"ignored"}""";

    [Fact]
    public void Append_EventWithoutId_GetsARandom128BitHexId()
    {
        var store = Store("a");

        var stored = store.Append([Make.Event(sessionId: "s1"), Make.Event(sessionId: "s1")]);

        Assert.All(stored, e => Assert.Matches("^[0-9a-f]{32}$", e.EventId));
        Assert.NotEqual(stored[0].EventId, stored[1].EventId);
        Assert.Equal(stored.Select(e => e.EventId), store.ReadEvents().Select(e => e.EventId));
    }

    [Fact]
    public void Append_EventWithId_KeepsIt()
    {
        var e = new TelemetryEvent { Timestamp = Make.Now.AddHours(-1), SessionId = "s1", System = "a", Kind = "user_message", EventId = "runner-7:42" };

        Assert.Equal("runner-7:42", Store("a").Append(e).EventId);
    }

    [Fact]
    public void Merge_IntoEmptyStore_AddsEveryEventAndSummary()
    {
        var source = Store("runner-1");
        source.Append([Make.Event(sessionId: "s1"), Make.Event(sessionId: "s1", kind: EventKinds.AssistantMessage, costUsd: 0.25)]);
        source.Close("s1");

        var result = Assert.Single(Merge("merged", "runner-1"));

        Assert.Equal((2, 2, 1, 1, 0), (result.EventsRead, result.EventsAdded, result.SessionsRead, result.SessionsAdded, result.RowsSkipped));
        Assert.Equal(source.ReadEvents().Select(e => e.EventId), Store("merged").ReadEvents().Select(e => e.EventId));
        Assert.Equal(0.25, Assert.Single(Store("merged").ReadSessions()).CostUsd);
    }

    [Fact]
    public void Merge_SameSourceTwice_AddsNothingTheSecondTime()
    {
        var source = Store("runner-1");
        source.Append([Make.Event(sessionId: "s1"), Make.Event(sessionId: "s2")]);
        source.Close("s1");
        Merge("merged", "runner-1");
        byte[] before = AllBytes("merged");

        var again = Assert.Single(Merge("merged", "runner-1"));

        Assert.Equal((0, 0), (again.EventsAdded, again.SessionsAdded));
        Assert.Equal(before, AllBytes("merged"));
    }

    [Fact]
    public void Merge_TwoRunners_AddsBothAndComparesAcrossThem()
    {
        Store("runner-1").Append(Make.Event(sessionId: "a1", system: "claude-code"));
        Store("runner-1").Close("a1");
        Store("runner-2").Append(Make.Event(sessionId: "b1", system: "codex"));
        Store("runner-2").Close("b1");

        var results = Merge("merged", "runner-1", "runner-2");

        Assert.Equal([1L, 1L], results.Select(r => r.EventsAdded));
        Assert.Equal(["a1", "b1"], Store("merged").ReadSessions().Select(s => s.SessionId).Order());
    }

    [Fact]
    public void Merge_SourceThatGrewSinceTheLastMerge_AddsOnlyTheNewRows()
    {
        var source = Store("runner-1");
        source.Append(Make.Event(sessionId: "s1"));
        Merge("merged", "runner-1");
        source.Append(Make.Event(sessionId: "s1", kind: EventKinds.AssistantMessage));
        source.Close("s1");

        var result = Assert.Single(Merge("merged", "runner-1"));

        Assert.Equal((2, 1, 1, 1), (result.EventsRead, result.EventsAdded, result.SessionsRead, result.SessionsAdded));
        Assert.Equal(2, Store("merged").ReadEvents().Count());
    }

    [Fact]
    public void Merge_RowsWithoutIds_AreIdentifiedByTheirCanonicalContent()
    {
        WriteRaw("old", "events-2026-06.jsonl", OldRow);
        WriteRaw("old-copy", "events-2026-06.jsonl", OldRowOtherLayout);

        var results = Merge("merged", "old", "old-copy");

        Assert.Equal([1L, 0L], results.Select(r => r.EventsAdded));
        var merged = Assert.Single(Store("merged").ReadEvents());
        Assert.Null(merged.EventId); // not invented: the next merge of "old" must still recognise the row
        Assert.Equal(0, Assert.Single(Merge("merged", "old")).EventsAdded);
    }

    [Fact]
    public void Merge_IdenticalRowsWithoutIdsInOneSource_KeepsBoth()
    {
        // Two genuinely separate events that look alike: a store keeps as many copies as its richest source has.
        WriteRaw("old", "events-2026-06.jsonl", OldRow, OldRow);

        Assert.Equal(2, Assert.Single(Merge("merged", "old")).EventsAdded);
        Assert.Equal(0, Assert.Single(Merge("merged", "old")).EventsAdded);
        Assert.Equal(2, Store("merged").ReadEvents().Count());
    }

    [Fact]
    public void Merge_SameSessionSummaryInTwoSources_IsAddedOnce()
    {
        var source = Store("runner-1");
        source.Append(Make.Event(sessionId: "s1"));
        source.Close("s1");
        Directory.CreateDirectory(temp.Combine("copy"));
        foreach (string f in Directory.GetFiles(temp.Combine("runner-1"), "*.jsonl"))
        {
            File.Copy(f, Path.Combine(temp.Combine("copy"), Path.GetFileName(f)));
        }

        var results = Merge("merged", "runner-1", "copy");

        Assert.Equal([1L, 0L], results.Select(r => r.SessionsAdded));
        Assert.Equal([1L, 0L], results.Select(r => r.EventsAdded));
    }

    [Fact]
    public void Merge_RowTheValidatorRefuses_IsSkippedWithAWarning()
    {
        string prose = OldRow.Replace("\"system\":\"claude-code\"", "\"system\":\"please fix the login page\"", StringComparison.Ordinal);
        WriteRaw("foreign", "events-2026-06.jsonl", prose, "{not json", OldRow);

        var result = Assert.Single(Merge("merged", "foreign"));

        Assert.Equal((2, 1, 2), (result.EventsRead, result.EventsAdded, result.RowsSkipped));
        Assert.Equal(2, warnings.Count);
        Assert.DoesNotContain("login page", File.ReadAllText(temp.Combine("merged", "events-2026-06.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_SourceMissing_ThrowsAndWritesNothing()
    {
        Store("runner-1").Append(Make.Event());

        var ex = Assert.Throws<StoreNotFoundException>(() => Merge("merged", "runner-1", "no-such-runner"));

        Assert.Equal(temp.Combine("no-such-runner"), ex.StorePath);
        Assert.False(Directory.Exists(temp.Combine("merged")));
    }

    [Fact]
    public void Merge_StoreIntoItself_IsRefused()
    {
        Store("a").Append(Make.Event());

        Assert.Throws<ArgumentException>(() => Merge("a", "a"));
    }

    [Fact]
    public void Merge_TargetLockedByAWriter_IsBusy()
    {
        Store("runner-1").Append(Make.Event());
        Directory.CreateDirectory(temp.Combine("merged"));
        using var held = new FileStream(temp.Combine("merged", ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var target = new TelemetryStore(temp.Combine("merged"), clock: () => Make.Now) { LockTimeout = TimeSpan.FromMilliseconds(30) };

        Assert.Throws<StoreBusyException>(() => new StoreMerger(target).Merge([temp.Combine("runner-1")]));
    }

    [Fact]
    public void Merge_EventsKeepTheirMonthBuckets()
    {
        Store("runner-1").Append([Make.Event(sessionId: "may", ts: Make.Utc(2026, 5, 31, 23)), Make.Event(sessionId: "june", ts: Make.Utc(2026, 6, 1, 1))]);

        Merge("merged", "runner-1");

        Assert.Equal(["events-2026-05.jsonl", "events-2026-06.jsonl"], Directory.GetFiles(temp.Combine("merged"), "events-*").Select(Path.GetFileName).Order());
    }

    private byte[] AllBytes(string store) =>
        Directory.GetFiles(temp.Combine(store), "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray();
}
