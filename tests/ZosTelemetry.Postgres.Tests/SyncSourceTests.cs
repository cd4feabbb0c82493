// The sync source over a real store with an in-memory database: cursors per file, a torn last line left for later,
// a rewritten file sent again (harmlessly), identical id-less rows kept as often as the store has them.
using ZosTelemetry.Store;
using ZosTelemetry.Sync;

namespace ZosTelemetry.Tests;

public sealed class SyncSourceTests : IDisposable
{
    private const string Row = """{"schema":1,"ts":"2026-11-01T16:00:00Z","session_id":"s1","system":"codex","role":"user","kind":"user_message","model":null,"tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":[]}""";

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Events => Path.Combine(dir.Path, "events-2026-11.jsonl");

    [Fact]
    public void Run_TornLastLine_IsLeftForTheNextSync()
    {
        File.WriteAllText(Events, Row + "\n" + Row.Replace("s1", "s2", StringComparison.Ordinal)[..40]);
        var db = new MemoryTeamDatabase();

        var first = TeamSync.Run(new TelemetryStore(dir.Path), db);
        File.AppendAllText(Events, Row.Replace("s1", "s2", StringComparison.Ordinal)[40..] + "\n");
        var second = TeamSync.Run(new TelemetryStore(dir.Path), db);

        Assert.Equal(1, first.EventsSent);
        Assert.Equal(1, second.EventsSent);
        Assert.Equal(2, db.Rows.Count);
    }

    [Fact]
    public void Run_IdenticalIdlessRows_AreKeptAsOftenAsTheStoreHasThem()
    {
        File.WriteAllText(Events, Row + "\n" + Row + "\n");
        var db = new MemoryTeamDatabase();

        TeamSync.Run(new TelemetryStore(dir.Path), db);
        File.AppendAllText(Events, Row + "\n");
        var more = TeamSync.Run(new TelemetryStore(dir.Path), db);

        Assert.Equal(1, more.EventsSent);
        Assert.Equal(3, db.Rows.Count);
        Assert.Equal(3, db.Rows.Keys.Distinct().Count());
    }

    [Fact]
    public void Run_FileRewrittenUnderTheCursor_IsSentAgainWithoutNewRows()
    {
        File.WriteAllText(Events, Row + "\n" + Row.Replace("s1", "s2", StringComparison.Ordinal) + "\n");
        var db = new MemoryTeamDatabase();
        TeamSync.Run(new TelemetryStore(dir.Path), db);
        File.WriteAllText(Events, Row.Replace("s1", "s2", StringComparison.Ordinal) + "\n" + Row.Replace("s1", "s3", StringComparison.Ordinal) + "\n");

        var again = TeamSync.Run(new TelemetryStore(dir.Path), db);

        Assert.Equal(2, again.EventsSent);
        Assert.Equal(1, again.RowsNew);
        Assert.Equal(3, db.Rows.Count);
    }

    [Fact]
    public void Run_MissingStore_IsAStoreNotFound()
    {
        Assert.Throws<StoreNotFoundException>(() => TeamSync.Run(new TelemetryStore(dir.Sub("none")), new MemoryTeamDatabase()));
    }

    private sealed class MemoryTeamDatabase : ITeamDatabase
    {
        public Dictionary<string, SyncRow> Rows { get; } = new(StringComparer.Ordinal);

        public string Target => "memory:0/test";

        public string Display => "test@memory:0/test";

        public int Initialize() => 1;

        public int CheckSchema() => 1;

        public long Insert(IReadOnlyList<SyncRow> rows) => rows.Count(r => Rows.TryAdd(r.Key, r));

        public IReadOnlyList<string> KnownSystems() => throw new NotSupportedException();

        public (DateTimeOffset First, DateTimeOffset Last)? EventSpan(string? system, DateTimeOffset? from, DateTimeOffset? until) => throw new NotSupportedException();

        public IReadOnlyList<TeamUsageRow> SumUsage(TeamUsageQuery query) => throw new NotSupportedException();

        public IReadOnlyList<TeamPeriodSessions> CountSessions(TeamUsageQuery query) => throw new NotSupportedException();

        public IEnumerable<TeamSessionNumbers> ReadComparisonSessions(string systemA, string systemB, DateTimeOffset? lastSince) => throw new NotSupportedException();

        public IEnumerable<TeamSessionUsageRow> SumSessionUsage(TeamUsageQuery query) => throw new NotSupportedException();

        public IReadOnlyList<Errors.ErrorDayRow> CountErrors(EventQuery query, bool byModel, string noModel) => throw new NotSupportedException();

        public IReadOnlyList<Errors.ErrorFingerprintRow> RecurringErrors(EventQuery query, bool byModel, string noModel, int top) => throw new NotSupportedException();

        public IEnumerable<string> ReadLatestSessions(SessionQuery query) => throw new NotSupportedException();

        public IEnumerable<string> ReadAlerts(SessionQuery query) => throw new NotSupportedException();

        public IEnumerable<string> ReadSnapshots(SnapshotQuery query) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
