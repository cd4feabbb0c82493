// The event sink on real files: round trips, month buckets, all-or-nothing batches, and a reader that
// survives what other writers and crashed writers leave behind.
using System.Runtime.Versioning;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class TelemetryStoreTests : IDisposable
{
    private readonly TempRoot temp = new();
    private readonly List<StoreWarning> warnings = [];

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private TelemetryStore NewStore() => new(Root, warnings.Add, () => Make.Now);

    private string EventsFile(int year, int month) => Path.Combine(Root, $"events-{year:D4}-{month:D2}.jsonl");

    private const string GoodRow = """{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"good-1","system":"claude-code","context":null,"role":null,"kind":"user_message","model":null,"tokens_in":1,"tokens_out":2,"cost_usd":0.5,"markers":[]}""";

    private const string OtherGoodRow = """{"schema":1,"ts":"2026-06-10T13:00:00Z","session_id":"good-2","system":"claude-code","context":null,"role":null,"kind":"assistant_message","model":null,"tokens_in":3,"tokens_out":4,"cost_usd":0.25,"markers":[]}""";

    private void WriteRaw(string fileName, string content)
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, fileName), content, new UTF8Encoding(false));
    }

    [Fact]
    public void Append_ThenReadEvents_RoundTripsEveryField()
    {
        var store = NewStore();
        var written = Make.Event(
            sessionId: "sess-42",
            system: "claude-code",
            kind: EventKinds.UserMessage,
            ts: new DateTimeOffset(2026, 6, 10, 12, 34, 56, 789, TimeSpan.Zero),
            context: "big-repo",
            role: "dev",
            model: "claude-sonnet-4-5-20250929",
            tokensIn: 1234,
            tokensOut: 5678,
            costUsd: 0.0123,
            markers: ["corr.strong.1", "corr.weak.2"]);

        store.Append(written);
        var read = Assert.Single(store.ReadEvents());

        Assert.Equal(TelemetryEvent.CurrentSchema, read.Schema);
        Assert.Equal(written.Timestamp, read.Timestamp);
        Assert.Equal("sess-42", read.SessionId);
        Assert.Equal("claude-code", read.System);
        Assert.Equal("big-repo", read.Context);
        Assert.Equal("dev", read.Role);
        Assert.Equal(EventKinds.UserMessage, read.Kind);
        Assert.Equal("claude-sonnet-4-5-20250929", read.Model);
        Assert.Equal(1234, read.TokensIn);
        Assert.Equal(5678, read.TokensOut);
        Assert.Equal(0.0123, read.CostUsd);
        Assert.Equal(["corr.strong.1", "corr.weak.2"], read.Markers);
    }

    [Fact]
    public void Append_NullOptionals_ReadBackAsNull()
    {
        var store = NewStore();

        store.Append(Make.Event(context: null, role: null, model: null));
        var read = Assert.Single(store.ReadEvents());

        Assert.Null(read.Context);
        Assert.Null(read.Role);
        Assert.Null(read.Model);
        Assert.Empty(read.Markers);
    }

    [Fact]
    public void Append_ReturnsTheNormalisedEvents()
    {
        var store = NewStore();

        var stored = store.Append(Make.Event(ts: new DateTimeOffset(2026, 6, 10, 14, 0, 0, TimeSpan.FromHours(2)), context: ""));

        Assert.Equal(TimeSpan.Zero, stored.Timestamp.Offset);
        Assert.Null(stored.Context);
    }

    [Fact]
    public void Append_EventsOfTwoMonths_GoToTwoMonthFiles()
    {
        var store = NewStore();

        store.Append([Make.Event(sessionId: "may", ts: Make.Utc(2026, 5, 31, 23, 59, 59)), Make.Event(sessionId: "june", ts: Make.Utc(2026, 6, 1, 0, 0, 0))]);

        Assert.Equal(["events-2026-05.jsonl", "events-2026-06.jsonl"], Directory.GetFiles(Root, "events-*.jsonl").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.Single(File.ReadAllLines(EventsFile(2026, 5)));
        Assert.Single(File.ReadAllLines(EventsFile(2026, 6)));
    }

    [Fact]
    public void Append_EventWithOffsetAcrossMonthEnd_BucketedByUtcMonth()
    {
        var store = NewStore();

        // 2026-05-31T23:30-02:00 is 2026-06-01T01:30Z: June in UTC, May on the writer's wall clock.
        store.Append(Make.Event(ts: new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.FromHours(-2))));

        Assert.True(File.Exists(EventsFile(2026, 6)));
        Assert.False(File.Exists(EventsFile(2026, 5)));
    }

    [Fact]
    public void ReadEvents_TwoMonthFiles_OldestMonthFirst()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "june", ts: Make.Utc(2026, 6, 1)));
        store.Append(Make.Event(sessionId: "may", ts: Make.Utc(2026, 5, 1)));

        Assert.Equal(["may", "june"], store.ReadEvents().Select(e => e.SessionId));
    }

    [Fact]
    public void ReadEvents_QueryBySession_ReturnsOnlyThatSession()
    {
        var store = NewStore();
        store.Append([Make.Event(sessionId: "a"), Make.Event(sessionId: "b"), Make.Event(sessionId: "a")]);

        Assert.Equal(2, store.ReadEvents(new EventQuery { SessionId = "a" }).Count());
    }

    [Fact]
    public void ReadEvents_MissingRoot_ReturnsNothingAndCreatesNothing()
    {
        var store = NewStore();

        Assert.Empty(store.ReadEvents());
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Append_BatchWithOneRefusedEvent_WritesNothing()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "first", ts: Make.Utc(2026, 6, 1)));
        var before = Snapshot();

        Assert.Throws<TelemetryValidationException>(() => store.Append(
        [
            Make.Event(sessionId: "ok-same-month", ts: Make.Utc(2026, 6, 2)),
            Make.Event(sessionId: "ok-other-month", ts: Make.Utc(2026, 4, 2)),
            Make.Event(sessionId: "bad/one"),
        ]));

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Append_BatchWithOneRefusedEventIntoMissingRoot_DoesNotCreateTheRoot()
    {
        var store = NewStore();

        Assert.Throws<TelemetryValidationException>(() => store.Append([Make.Event(), Make.Event(costUsd: double.NaN)]));

        Assert.False(Directory.Exists(Root));
    }

    private SortedDictionary<string, string> Snapshot() =>
        new(Directory.GetFiles(Root).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);

    [Fact]
    public void ReadEvents_RowFromAnotherWriterWithUnknownFields_IsRead()
    {
        WriteRaw("events-2026-06.jsonl", """{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"py-1","system":"aider","kind":"user_message","host_hint":{"nested":[1,2,{"x":null}]},"extra":"ignored","flag":true,"markers":["corr.strong.1"],"later":[]}""" + "\n");
        var store = NewStore();

        var e = Assert.Single(store.ReadEvents());

        Assert.Equal("py-1", e.SessionId);
        Assert.Equal("aider", e.System);
        Assert.Equal(["corr.strong.1"], e.Markers);
        Assert.Empty(warnings);
    }

    [Fact]
    public void ReadEvents_IntegralFloatCounts_AreReadAsWholeNumbers()
    {
        WriteRaw("events-2026-06.jsonl", """{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"py-1","system":"aider","kind":"assistant_message","tokens_in":1200.0,"tokens_out":3.0e2,"cost_usd":1.0}""" + "\n");
        var store = NewStore();

        var e = Assert.Single(store.ReadEvents());

        Assert.Equal(1200, e.TokensIn);
        Assert.Equal(300, e.TokensOut);
        Assert.Equal(1.0, e.CostUsd);
        Assert.Empty(warnings);
    }

    [Fact]
    public void ReadEvents_TimestampWithOffset_ReadAsUtc()
    {
        WriteRaw("events-2026-06.jsonl", """{"schema":1,"ts":"2026-06-10T20:00:00+02:00","session_id":"py-1","system":"aider","kind":"user_message"}""" + "\n");

        var e = Assert.Single(NewStore().ReadEvents());

        Assert.Equal(Make.Utc(2026, 6, 10, 18), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
    }

    [Fact]
    public void ReadEvents_MalformedLine_SkippedWithWarningNamingFileAndLine()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n" + "{this is not json\n" + OtherGoodRow + "\n");

        var read = NewStore().ReadEvents().ToList();

        Assert.Equal(["good-1", "good-2"], read.Select(e => e.SessionId));
        var warning = Assert.Single(warnings);
        Assert.Equal(EventsFile(2026, 6), warning.Path);
        Assert.Equal(2, warning.Line);
        Assert.Contains("malformed JSON", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEvents_RowOfSchema2_SkippedWithWarningNamingTheSchema()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n" + GoodRow.Replace("\"schema\":1", "\"schema\":2", StringComparison.Ordinal) + "\n" + OtherGoodRow + "\n");

        var read = NewStore().ReadEvents().ToList();

        Assert.Equal(["good-1", "good-2"], read.Select(e => e.SessionId));
        var warning = Assert.Single(warnings);
        Assert.Equal(EventsFile(2026, 6), warning.Path);
        Assert.Equal(2, warning.Line);
        Assert.Contains("schema 2", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEvents_RowWithWrongType_SkippedWithWarningNamingTheField()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow.Replace("\"tokens_in\":1", "\"tokens_in\":\"1\"", StringComparison.Ordinal) + "\n" + OtherGoodRow + "\n");

        var read = NewStore().ReadEvents().ToList();

        Assert.Equal("good-2", Assert.Single(read).SessionId);
        var warning = Assert.Single(warnings);
        Assert.Equal(EventsFile(2026, 6), warning.Path);
        Assert.Equal(1, warning.Line);
        Assert.Contains("tokens_in", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEvents_RowMissingRequiredField_SkippedWithWarning()
    {
        WriteRaw("events-2026-06.jsonl", """{"schema":1,"ts":"2026-06-10T12:00:00Z","system":"x","kind":"user_message"}""" + "\n" + GoodRow + "\n");

        Assert.Single(NewStore().ReadEvents());
        Assert.Contains("session_id", Assert.Single(warnings).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEvents_WarningToString_NamesFileLineAndReason()
    {
        WriteRaw("events-2026-06.jsonl", "[1,2]\n");

        Assert.Empty(NewStore().ReadEvents());
        Assert.Equal($"{EventsFile(2026, 6)}:1: skipped: not a JSON object", Assert.Single(warnings).ToString());
    }

    [Fact]
    public void ReadEvents_BlankLines_SkippedWithoutWarning()
    {
        WriteRaw("events-2026-06.jsonl", "\n" + GoodRow + "\n   \n\t\n" + OtherGoodRow + "\n\n");

        Assert.Equal(2, NewStore().ReadEvents().Count());
        Assert.Empty(warnings);
    }

    [Fact]
    public void ReadEvents_CrlfLineEndings_AreRead()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\r\n" + OtherGoodRow + "\r\n");

        Assert.Equal(["good-1", "good-2"], NewStore().ReadEvents().Select(e => e.SessionId));
        Assert.Empty(warnings);
    }

    [Fact]
    public void ReadEvents_LineLongerThanTheReadBuffer_IsRead()
    {
        // An unknown field of 200 KB forces the reader to grow its 64 KB buffer mid-line.
        string longRow = GoodRow.Replace("\"markers\":[]", "\"markers\":[],\"padding\":\"" + new string('p', 200_000) + "\"", StringComparison.Ordinal);
        WriteRaw("events-2026-06.jsonl", longRow + "\n" + OtherGoodRow + "\n");

        Assert.Equal(["good-1", "good-2"], NewStore().ReadEvents().Select(e => e.SessionId));
        Assert.Empty(warnings);
    }

    [Fact]
    public void ReadEvents_TornLastLine_SkippedWithTornWarning()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n" + GoodRow[..40]);

        var read = NewStore().ReadEvents().ToList();

        Assert.Equal("good-1", Assert.Single(read).SessionId);
        var warning = Assert.Single(warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains("torn last line", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_AfterTornLastLine_StartsOnAFreshLine()
    {
        WriteRaw("events-2026-06.jsonl", GoodRow + "\n" + GoodRow[..40]);
        var store = NewStore();

        store.Append(Make.Event(sessionId: "after-tear", ts: Make.Utc(2026, 6, 10, 14)));

        Assert.Equal(["good-1", "after-tear"], store.ReadEvents().Select(e => e.SessionId));
        Assert.Equal(GoodRow[..40], File.ReadAllLines(EventsFile(2026, 6))[1]);
        Assert.Single(warnings);
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Append_NewStore_CreatesDirectoryPrivateToTheUser()
    {
        NewStore().Append(Make.Event());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Root));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Append_NewStore_CreatesFilesPrivateToTheUser()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "s1"));
        store.Close("s1");

        string[] files = Directory.GetFiles(Root);
        Assert.Equal(3, files.Length); // events, sessions, .lock
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void Append_RootIsAFile_ThrowsStoreException()
    {
        File.WriteAllText(Root, "not a directory");

        var ex = Assert.Throws<StoreException>(() => NewStore().Append(Make.Event()));

        Assert.Contains("is a file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_LockHeldByAnotherWriter_ThrowsStoreBusyAndWritesNothing()
    {
        Directory.CreateDirectory(Root);
        using var held = new FileStream(Path.Combine(Root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var store = new TelemetryStore(Root, warnings.Add, () => Make.Now) { LockTimeout = TimeSpan.FromMilliseconds(50) };

        var ex = Assert.Throws<StoreBusyException>(() => store.Append(Make.Event()));

        Assert.Contains("locked by another writer", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(EventsFile(2026, 6)));
    }

    [Fact]
    public void Append_LockReleasedByAnotherWriter_Succeeds()
    {
        Directory.CreateDirectory(Root);
        new FileStream(Path.Combine(Root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None).Dispose();

        NewStore().Append(Make.Event());

        Assert.Single(NewStore().ReadEvents());
    }

    [Fact]
    public void Append_ConcurrentWritersInOneProcess_LoseNoRows()
    {
        // Each writer is its own store object, as separate hook processes would be; the lock serialises them.
        Parallel.For(0, 8, i =>
        {
            var store = new TelemetryStore(Root, clock: () => Make.Now) { LockTimeout = TimeSpan.FromSeconds(30) };
            for (int j = 0; j < 25; j++)
            {
                store.Append(Make.Event(sessionId: $"w{i}-{j}"));
            }
        });

        Assert.Equal(200, NewStore().ReadEvents().Select(e => e.SessionId).Distinct().Count());
        Assert.Empty(warnings);
    }

    [Fact]
    public void KnownSystems_EventsAndSessions_ReturnsDistinctSortedNames()
    {
        var store = NewStore();
        store.Append([Make.Event(sessionId: "a", system: "zeta"), Make.Event(sessionId: "b", system: "alpha"), Make.Event(sessionId: "c", system: "zeta")]);
        store.Close("b");

        Assert.Equal(["alpha", "zeta"], store.KnownSystems());
    }
}
