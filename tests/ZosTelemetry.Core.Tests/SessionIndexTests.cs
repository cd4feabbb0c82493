// The session index behind close: same summaries as a scan of every event, catching up with rows other writers
// appended, surviving its own deletion, damage and rewritten events files, and reading only the session's rows.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SessionIndexTests : IDisposable
{
    private readonly TempRoot temp = new();
    private readonly List<StoreWarning> warnings = [];
    private DateTimeOffset now = Make.Utc(2026, 7, 1);

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private string IndexDir => Path.Combine(Root, SessionIndex.DirectoryName);

    private TelemetryStore NewStore(long chunkBytes = 6000) => new(Root, warnings.Add, () => now) { ScanChunkBytes = chunkBytes };

    /// <summary>The summary a plain scan of every event gives: what close must produce, index or not.</summary>
    private SessionSummary Expected(string sessionId)
    {
        var acc = new SessionAccumulator(sessionId);
        foreach (var e in new TelemetryStore(Root).ReadEvents().Where(e => e.SessionId == sessionId))
        {
            acc.Add(e);
        }

        return acc.ToSummary(now, 1);
    }

    private static string Describe(SessionSummary s) =>
        $"{s.SessionId} {s.System} {s.Context} {s.Model} t{s.Turns} u{s.UserTurns} c{s.Corrections} e{s.Events} i{s.TokensIn} o{s.TokensOut} ${s.CostUsd:R} {s.FirstTimestamp:O} {s.LastTimestamp:O}";

    private void AppendGenerated(RowMutator gen, int count, int sessions = 40)
    {
        var events = Enumerable.Range(0, count).Select(_ => gen.Event(sessions)).Select(e => new TelemetryEvent
        {
            Timestamp = e.Timestamp,
            SessionId = e.SessionId,
            System = e.System,
            Kind = e.Kind,
            Model = e.Model,
            TokensIn = e.TokensIn,
            TokensOut = e.TokensOut,
            CostUsd = e.CostUsd,
            Markers = e.Markers,
        }).ToList();
        NewStore().Append(events);
    }

    /// <summary>Rows as an older version or another schema-1 tool writes them, straight into the file.</summary>
    private void AppendForeign(string month, params string[] sessionIds)
    {
        File.AppendAllText(Path.Combine(Root, $"events-{month}.jsonl"), string.Concat(sessionIds.Select(id =>
            $$"""{"schema":1,"ts":"{{month}}-15T10:00:00Z","session_id":"{{id}}","system":"aider","kind":"user_message","tokens_in":7,"markers":["corr.weak.3"],"written_by":"older"}""" + "\n")));
    }

    [Fact]
    public void Close_ManySessionsOverTwoMonths_EqualsAScanOfEveryEvent()
    {
        var gen = new RowMutator(seed: 30);
        AppendGenerated(gen, 3000);
        var store = NewStore();

        foreach (string id in new[] { "s-1", "s-2", "s-3+x", "s-39" })
        {
            Assert.Equal(Describe(Expected(id)), Describe(store.Close(id)));
        }

        Assert.NotEmpty(Directory.GetFiles(IndexDir, "*.seg"));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Close_RowsAppendedByAnotherWriterAfterTheIndex_AreCaughtUp()
    {
        var gen = new RowMutator(seed: 31);
        AppendGenerated(gen, 2000);
        NewStore().Close("s-5");

        AppendForeign("2026-06", "s-5", "s-6", "s-5");
        AppendGenerated(gen, 300);
        AppendForeign("2026-05", "s-5");

        var summary = NewStore().Close("s-5");
        Assert.Equal(Describe(Expected("s-5")), Describe(summary));
        Assert.Equal(3, NewStore().ReadEvents(new EventQuery { SessionId = "s-5", System = "aider", Kind = "user_message" }).Count(e => e.Markers.Contains("corr.weak.3")));
    }

    [Fact]
    public void Close_IndexDeleted_SameSummaryAndTheIndexIsRebuilt()
    {
        var gen = new RowMutator(seed: 32);
        AppendGenerated(gen, 1500);
        string before = Describe(NewStore().Close("s-7"));

        Directory.Delete(IndexDir, recursive: true);

        Assert.Equal(before, Describe(NewStore().Close("s-7")));
        Assert.NotEmpty(Directory.GetFiles(IndexDir, "*.seg"));
    }

    [Fact]
    public void Close_EventsFileRewrittenWithoutItsFirstRows_IndexRebuiltSummaryCorrect()
    {
        var gen = new RowMutator(seed: 33);
        AppendGenerated(gen, 2000);
        NewStore().Close("s-8");
        foreach (string file in Directory.GetFiles(Root, "events-*.jsonl"))
        {
            // What a prune does: the file replaced by one without its oldest rows.
            File.WriteAllLines(file, File.ReadAllLines(file).Skip(100));
        }

        Assert.Equal(Describe(Expected("s-8")), Describe(NewStore().Close("s-8")));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Close_EventsFileTruncated_IndexRebuiltSummaryCorrect()
    {
        var gen = new RowMutator(seed: 34);
        AppendGenerated(gen, 2000);
        NewStore().Close("s-9");
        foreach (string file in Directory.GetFiles(Root, "events-*.jsonl"))
        {
            File.WriteAllLines(file, File.ReadAllLines(file).Take(300));
        }

        Assert.Equal(Describe(Expected("s-9")), Describe(NewStore().Close("s-9")));
    }

    [Fact]
    public void Close_GarbageSegmentFiles_IgnoredAndCorrect()
    {
        var gen = new RowMutator(seed: 35);
        AppendGenerated(gen, 1000);
        NewStore().Close("s-1");
        foreach (string seg in Directory.GetFiles(IndexDir, "*.seg"))
        {
            File.WriteAllBytes(seg, Encoding.ASCII.GetBytes("not an index"));
        }

        File.WriteAllText(Path.Combine(IndexDir, "events-2026-06.0-999999.seg"), "junk");

        Assert.Equal(Describe(Expected("s-1")), Describe(NewStore().Close("s-1")));
    }

    [Fact]
    public void Close_TornLastLine_NotIndexedUntilItsWriterFinishesIt()
    {
        var gen = new RowMutator(seed: 36);
        AppendGenerated(gen, 500);
        string june = Path.Combine(Root, "events-2026-06.jsonl");
        File.AppendAllText(june, """{"schema":1,"ts":"2026-06-20T10:00:00Z","session_id":"s-2","system":"aider","kind":"user_mes""");
        NewStore().Close("s-2");

        // The writer finishes its row; an index that had covered the half row would now point at a wrong line.
        File.AppendAllText(june, "sage\"}\n");
        AppendForeign("2026-06", "s-2");

        Assert.Equal(Describe(Expected("s-2")), Describe(NewStore().Close("s-2")));
    }

    [Fact]
    public void Close_ManyClosesWithAppendsBetween_SegmentsStayFew()
    {
        var gen = new RowMutator(seed: 37);
        AppendGenerated(gen, 500);
        for (int i = 0; i < 30; i++)
        {
            AppendGenerated(gen, 20);
            Assert.Equal(Describe(Expected("s-3")), Describe(NewStore().Close("s-3")));
        }

        // Size-tiered merging: about log2(30) per file, never one per close.
        Assert.InRange(Directory.GetFiles(IndexDir, "events-2026-06.*.seg").Length, 1, 8);
    }

    [Fact]
    public void Close_WithIndex_ReadsOnlyTheSessionsRows()
    {
        var gen = new RowMutator(seed: 38);
        AppendGenerated(gen, 3000);
        NewStore().Close("s-4");

        // Damage every row of other sessions in place (same length, so offsets hold), away from the first and last
        // 4 KB that the index fingerprints. A scan would now warn about hundreds of rows; the index reads none of them.
        foreach (string file in Directory.GetFiles(Root, "events-*.jsonl"))
        {
            byte[] bytes = File.ReadAllBytes(file);
            int damaged = 0;
            for (int start = 0; start < bytes.Length;)
            {
                int end = Array.IndexOf(bytes, (byte)'\n', start);
                string line = Encoding.UTF8.GetString(bytes, start, end - start);
                if (start > 4096 && end < bytes.Length - 4096 && !line.Contains("\"session_id\":\"s-4\"", StringComparison.Ordinal))
                {
                    bytes.AsSpan(start, end - start).Fill((byte)'#');
                    damaged++;
                }

                start = end + 1;
            }

            Assert.True(damaged > 100);
            File.WriteAllBytes(file, bytes);
        }

        var summary = NewStore().Close("s-4");

        Assert.Empty(warnings);
        Assert.Equal(Describe(Expected("s-4")), Describe(summary));
    }

    [Fact]
    public void ReadEvents_SessionQuery_SameRowsAsAFilteredScan()
    {
        var gen = new RowMutator(seed: 39);
        AppendGenerated(gen, 1500);
        var query = new EventQuery { SessionId = "s-11", Kind = "user_message" };

        var expected = new TelemetryStore(Root).ReadEvents().Where(query.Matches).Select(RowMutator.Write).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, NewStore().ReadEvents(query).Select(RowMutator.Write).ToList());
    }
}

public sealed class SessionIndexFingerprintTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private TelemetryStore NewStore() => new(Root, clock: () => Make.Now) { ScanChunkBytes = 4096 };

    /// <summary>200 events of sessions sA and sB, enough that the edited row lies far from both ends the old fingerprint hashed.</summary>
    private string Populate()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 200).Select(i => Make.Event(i % 2 == 0 ? "sA" : "sB", ts: Make.Now.AddHours(-2).AddSeconds(i))).ToList());
        return Directory.GetFiles(Root, "events-*.jsonl").Single();
    }

    /// <summary>Turns the session of the row at line <paramref name="line"/> from sB into sA in place: the same length, the same size.</summary>
    private static void EditInPlace(string events, int line)
    {
        byte[] bytes = File.ReadAllBytes(events);
        int start = 0;
        for (int l = 0; l < line; l++)
        {
            start = Array.IndexOf(bytes, (byte)'\n', start) + 1;
        }

        int at = start + Encoding.ASCII.GetString(bytes, start, 200).IndexOf("\"session_id\":\"sB\"", StringComparison.Ordinal) + 15;
        using var stream = new FileStream(events, FileMode.Open, FileAccess.Write);
        stream.Position = at;
        stream.WriteByte((byte)'A');
    }

    [Fact]
    public void Close_RowEditedInTheMiddleWithTheSameLength_CountsTheEditedFileNotTheIndex()
    {
        // Issue 11.8: only the first and last 4 KB were fingerprinted, so the index kept serving the old session ids.
        string events = Populate();
        Assert.Equal(100, NewStore().Close("sA").Events);
        EditInPlace(events, 101);

        Assert.Equal(101, NewStore().Close("sA").Events);
        Assert.Equal(99, NewStore().Close("sB").Events);
    }

    [Fact]
    public void Doctor_IndexStaleAfterAnEditAndThenAnAppend_ReportedAndRepairDeletesIt()
    {
        // An edit followed by an append is beyond the cheap checks; the doctor compares every segment with its rows.
        string events = Populate();
        NewStore().Close("sA");
        EditInPlace(events, 101);
        NewStore().Append(Make.Event("sC", ts: Make.Now.AddHours(-1)));
        var doctor = new StoreDoctor(NewStore());

        var report = doctor.Examine();

        Assert.Contains(report.Files, f => f.Kind == StoreFileKind.Leftover && f.Problem!.Contains("no longer matches", StringComparison.Ordinal));
        doctor.Repair();
        Assert.DoesNotContain(doctor.Examine().Files, f => f.Kind == StoreFileKind.Leftover);
        Assert.Equal(101, NewStore().Close("sA").Events);
    }
}
