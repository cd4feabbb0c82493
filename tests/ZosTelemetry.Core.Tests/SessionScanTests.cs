// The session scans: the fast row reader agrees with RowCodec, the latest row per session follows one precedence
// rule, streaming yields newest first and before older months are read, and the parallel comparison equals the
// comparison of the summaries read one by one.
using System.Text;
using ZosTelemetry.Comparison;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SessionScanTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    [Fact]
    public void TryRead_ThousandsOfGeneratedAndMutatedRows_AgreesWithRowCodecOnEveryRow()
    {
        var gen = new RowMutator(seed: 16);
        int accepted = 0, refused = 0, fast = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] row = Encoding.UTF8.GetBytes(gen.Mutate(RowMutator.Write(gen.Session())));

            bool slowOk = RowCodec.TryParseSession(row, out var s, out string? slowReason);
            bool ok = SessionRowReader.TryRead(row, out var f, out string? reason);
            bool plain = SessionRowReader.TryReadPlain(row, out var p);

            Assert.True(slowOk == ok, $"row {i}: RowCodec {(slowOk ? "accepts" : "refuses")} but the scan {(ok ? "accepts" : "refuses")}: {Encoding.UTF8.GetString(row)}");
            Assert.False(plain && !slowOk, $"row {i}: the fast path accepts a row RowCodec refuses ({slowReason}): {Encoding.UTF8.GetString(row)}");
            if (ok)
            {
                AssertSameFacts(SessionRowReader.From(s!), f);
                accepted++;
            }
            else
            {
                Assert.Equal(slowReason, reason);
                refused++;
            }

            if (plain)
            {
                AssertSameFacts(SessionRowReader.From(s!), p);
                fast++;
            }
        }

        Assert.True(refused > 2_000 && accepted > 10_000 && fast > 8_000, $"accepted {accepted}, refused {refused}, fast {fast}");
    }

    [Fact]
    public void StreamSessions_ManyRowsPerSessionOverThreeMonths_LatestRowPerSessionNewestFirst()
    {
        var gen = new RowMutator(seed: 17);
        var files = WriteSessionFiles(gen, rowsPerFile: 1500, sessions: 400);
        var warnings = new List<StoreWarning>();
        var store = new TelemetryStore(Root, warnings.Add) { ScanChunkBytes = 5000 };

        var streamed = store.StreamSessions().Select(Describe).ToList();

        Assert.Equal(ExpectedLatest(files), streamed);
        Assert.NotEmpty(warnings);
        var sequentialWarnings = new List<StoreWarning>();
        _ = new TelemetryStore(Root, sequentialWarnings.Add).ReadSessionRows().ToList();
        Assert.Equal(sequentialWarnings.OrderBy(w => w.Path).ThenBy(w => w.Line), warnings.OrderBy(w => w.Path).ThenBy(w => w.Line));
    }

    [Fact]
    public void StreamSessions_OldSessionAppendedAfterANewerOne_NewestClosedFirst()
    {
        Directory.CreateDirectory(Root);
        var gen = new RowMutator(seed: 23);
        File.WriteAllLines(Path.Combine(Root, "sessions-2026-06.jsonl"), [
            RowMutator.Write(Summary(gen, "new-1", Make.Utc(2026, 6, 20))),
            RowMutator.Write(Summary(gen, "old-1", Make.Utc(2026, 6, 2))), // as a merge or an import appends it
            RowMutator.Write(Summary(gen, "mid-1", Make.Utc(2026, 6, 10))),
        ]);

        var ids = new TelemetryStore(Root).StreamSessions().Select(s => s.SessionId).ToList();

        Assert.Equal(["new-1", "mid-1", "old-1"], ids);
    }

    [Fact]
    public void StreamSessions_Query_FiltersTheLatestRows()
    {
        var gen = new RowMutator(seed: 18);
        var files = WriteSessionFiles(gen, rowsPerFile: 800, sessions: 300);
        var store = new TelemetryStore(Root) { ScanChunkBytes = 3000 };
        var query = new SessionQuery { System = "codex", Context = "work", Since = Make.Utc(2026, 5, 10), Until = Make.Utc(2026, 5, 20) };

        var expected = ExpectedLatestRows(files).Where(query.Matches).Select(Describe).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, store.StreamSessions(query).Select(Describe).ToList());
        Assert.Equal(expected.Order(StringComparer.Ordinal), store.ReadSessions(query).Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StreamSessions_FirstSessionYielded_BeforeTheOlderMonthIsRead()
    {
        Directory.CreateDirectory(Root);
        string may = Path.Combine(Root, "sessions-2026-05.jsonl"), june = Path.Combine(Root, "sessions-2026-06.jsonl");
        var gen = new RowMutator(seed: 19);
        File.WriteAllText(may, RowMutator.Write(Summary(gen, "old-1", Make.Utc(2026, 5, 3))) + "\n");
        File.WriteAllText(june, RowMutator.Write(Summary(gen, "new-1", Make.Utc(2026, 6, 3))) + "\n");

        using var sessions = new TelemetryStore(Root).StreamSessions().GetEnumerator();
        Assert.True(sessions.MoveNext());
        Assert.Equal("new-1", sessions.Current.SessionId);

        // Written after the first session was yielded: seen only if May had not been read yet.
        File.AppendAllText(may, RowMutator.Write(Summary(gen, "old-2", Make.Utc(2026, 5, 4))) + "\n");
        var rest = new List<string>();
        while (sessions.MoveNext())
        {
            rest.Add(sessions.Current.SessionId);
        }

        Assert.Equal(["old-2", "old-1"], rest);
    }

    [Fact]
    public void CompareStore_GeneratedSessions_EqualsCompareOfTheSummariesReadOneByOne()
    {
        var gen = new RowMutator(seed: 20);
        WriteSessionFiles(gen, rowsPerFile: 2000, sessions: 1500);
        var store = new TelemetryStore(Root) { ScanChunkBytes = 7000 };
        var options = new ComparisonOptions { Now = Make.Utc(2026, 7, 1), WindowDays = 50 };

        // The store path orders sessions by first activity, then by the hash of the id (not the id): same order here.
        var inStoreOrder = store.ReadSessions().OrderBy(s => s.FirstTimestamp).ThenBy(s => KeyHash.Hash128(Encoding.UTF8.GetBytes(s.SessionId)));
        var expected = SystemComparer.Compare(inStoreOrder, "claude-code", "codex", options);
        var actual = SystemComparer.Compare(store, "claude-code", "codex", options);

        Assert.Equal(ComparisonJson.Render(expected), ComparisonJson.Render(actual));
        Assert.True(actual.A.Sessions > 100 && actual.B.Sessions > 100);
    }

    [Fact]
    public void CompareStore_SameSystemTwice_RefusedBeforeReading()
    {
        Assert.Throws<ArgumentException>(() => SystemComparer.Compare(new TelemetryStore(temp.Combine("absent")), "a", "a"));
    }

    [Fact]
    public void StreamSessions_MissingRoot_IsEmpty()
    {
        Assert.Empty(new TelemetryStore(temp.Combine("absent")).StreamSessions());
    }

    private List<string> WriteSessionFiles(RowMutator gen, int rowsPerFile, int sessions)
    {
        Directory.CreateDirectory(Root);
        var files = new List<string>();
        foreach (string month in new[] { "2026-04", "2026-05", "2026-06" })
        {
            string path = Path.Combine(Root, $"sessions-{month}.jsonl");
            var rows = Enumerable.Range(0, rowsPerFile).Select(_ => gen.Mutate(RowMutator.Write(gen.Session(sessions)))).ToList();
            File.WriteAllText(path, string.Join("\n", rows) + "\n");
            files.Add(path);
        }

        return files;
    }

    /// <summary>The precedence rule written out plainly: newest file, then latest ts_closed, then latest line.</summary>
    private static List<SessionSummary> ExpectedLatestRows(List<string> files)
    {
        var best = new Dictionary<string, (int File, DateTimeOffset Closed, int Line, SessionSummary Row)>(StringComparer.Ordinal);
        for (int f = 0; f < files.Count; f++)
        {
            var lines = File.ReadAllLines(files[f]);
            for (int i = 0; i < lines.Length; i++)
            {
                if (!RowCodec.TryParseSession(Encoding.UTF8.GetBytes(lines[i]), out var s, out _))
                {
                    continue;
                }

                var candidate = (f, s!.ClosedAt, i, s);
                if (!best.TryGetValue(s.SessionId, out var other) || (candidate.f, candidate.ClosedAt, candidate.i).CompareTo((other.File, other.Closed, other.Line)) > 0)
                {
                    best[s.SessionId] = candidate;
                }
            }
        }

        return best.Values.OrderByDescending(b => b.File).ThenByDescending(b => b.Closed).ThenByDescending(b => b.Line).Select(b => b.Row).ToList();
    }

    private static List<string> ExpectedLatest(List<string> files) => ExpectedLatestRows(files).Select(Describe).ToList();

    private static SessionSummary Summary(RowMutator gen, string id, DateTimeOffset closed)
    {
        var s = gen.Session();
        return new SessionSummary
        {
            SessionId = id,
            System = s.System,
            Turns = s.Turns,
            FirstTimestamp = closed.AddHours(-1),
            LastTimestamp = closed.AddMinutes(-1),
            ClosedAt = closed,
        };
    }

    private static string Describe(SessionSummary s) =>
        $"{s.SessionId} {s.System} {s.Context} {s.Model} d{s.DetectorVersion} t{s.Turns} u{s.UserTurns} c{s.Corrections} e{s.Events} i{s.TokensIn} o{s.TokensOut} ${s.CostUsd:R} {s.DurationSeconds:R} {s.FirstTimestamp:O} {s.LastTimestamp:O} {s.ClosedAt:O}";

    private static void AssertSameFacts(SessionFacts expected, SessionFacts actual)
    {
        Assert.Equal(expected.SessionId.ToArray(), actual.SessionId.ToArray());
        Assert.Equal(expected.System.ToArray(), actual.System.ToArray());
        Assert.Equal(expected.HasContext, actual.HasContext);
        Assert.Equal(expected.Context.ToArray(), actual.Context.ToArray());
        Assert.Equal(expected.HasModel, actual.HasModel);
        Assert.Equal(expected.Model.ToArray(), actual.Model.ToArray());
        Assert.Equal(expected.DetectorVersion, actual.DetectorVersion);
        Assert.Equal(expected.Turns, actual.Turns);
        Assert.Equal(expected.UserTurns, actual.UserTurns);
        Assert.Equal(expected.Corrections, actual.Corrections);
        Assert.Equal(expected.Events, actual.Events);
        Assert.Equal(expected.TokensIn, actual.TokensIn);
        Assert.Equal(expected.TokensOut, actual.TokensOut);
        Assert.Equal(expected.CostUsd, actual.CostUsd);
        Assert.Equal(expected.DurationSeconds, actual.DurationSeconds);
        Assert.Equal(expected.FirstTicks, actual.FirstTicks);
        Assert.Equal(expected.LastTicks, actual.LastTicks);
        Assert.Equal(expected.ClosedTicks, actual.ClosedTicks);
    }
}
