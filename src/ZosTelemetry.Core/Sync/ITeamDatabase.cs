// A team database as the core sees it. The core holds no driver: ZosTelemetry.Postgres implements this, and the CLI
// references it while the module loads it in an isolated AssemblyLoadContext; both hand the core this interface.
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public interface ITeamDatabase : IDisposable
{
    /// <summary>The server and database (host:port/name), never a user or password: what cursors are kept per.</summary>
    string Target { get; }

    /// <summary>user@host:port/name, for output, errors and -Verbose: never the password.</summary>
    string Display { get; }

    /// <summary>Creates or migrates the schema and the writer and reader roles' grants; returns the schema version.</summary>
    int Initialize();

    /// <summary>
    /// Connects and returns the schema version, or throws TeamStoreException when the credentials are refused, there
    /// is no schema yet, or it is older or newer than this build's: every sync and read starts here.
    /// </summary>
    int CheckSchema();

    /// <summary>Inserts the rows in one transaction, each at most once (by its key); returns how many were new.</summary>
    long Insert(IReadOnlyList<SyncRow> rows);

    /// <summary>Every system named by a stored session summary, event or snapshot, in ordinal order.</summary>
    IReadOnlyList<string> KnownSystems();

    /// <summary>The first and last event time within [from, until) of one system or all; null when there is none.</summary>
    (DateTimeOffset First, DateTimeOffset Last)? EventSpan(string? system, DateTimeOffset? from, DateTimeOffset? until);

    /// <summary>The events' sums per period, system, model, tier and cost class, summed in SQL; ordered by those keys.</summary>
    IReadOnlyList<TeamUsageRow> SumUsage(TeamUsageQuery query);

    /// <summary>
    /// Per session and system, its events' counts (user turns, corrections, tool calls and failures, API errors,
    /// interrupts, first and last time) and sums per model, tier and cost class, of the events in the query's periods
    /// (those not -1), counted and summed in SQL; ordered by the session's last event, then id and system, so the
    /// rows of one session come together.
    /// </summary>
    IEnumerable<TeamSessionUsageRow> SumSessionUsage(TeamUsageQuery query);

    /// <summary>
    /// The error and api_error events matching the query's system, session and window, counted in SQL per UTC day,
    /// group (the system, or by model the event's model, else its session's latest summary's, else noModel) and
    /// category (ErrorReport's rule), with their distinct sessions; in no particular order.
    /// </summary>
    IReadOnlyList<Errors.ErrorDayRow> CountErrors(EventQuery query, bool byModel, string noModel);

    /// <summary>
    /// The same events' fingerprints seen at least twice, most frequent first (then by sessions, then fingerprint), at
    /// most top of them: count, sessions, groups (ordinal, comma-separated), first and last time, and the category of
    /// the first row that carried it.
    /// </summary>
    IReadOnlyList<Errors.ErrorFingerprintRow> RecurringErrors(EventQuery query, bool byModel, string noModel, int top);

    /// <summary>The distinct sessions with events per period and system, counted in SQL.</summary>
    IReadOnlyList<TeamPeriodSessions> CountSessions(TeamUsageQuery query);

    /// <summary>
    /// The comparison's numbers of the latest summary of each session of the two systems whose last activity is at or
    /// after lastSince (all when null): only those numbers, in the order each session's first row arrived (by month
    /// file, then arrival), as a local store's scan meets them.
    /// </summary>
    IEnumerable<TeamSessionNumbers> ReadComparisonSessions(string systemA, string systemB, DateTimeOffset? lastSince);

    /// <summary>
    /// The lines of the latest summary of each session (the store's rule) that matches the query's system, id and
    /// last-activity window, newest close first (then the later row), as a local store streams them; context and model
    /// are left to the reader, which checks every filter on the parsed rows.
    /// </summary>
    IEnumerable<string> ReadLatestSessions(SessionQuery query);

    /// <summary>
    /// The lines of the stored alerts of the sessions ReadLatestSessions gives for the query, in the order a local
    /// store's alerts files hold them (month of the alert, then arrival).
    /// </summary>
    IEnumerable<string> ReadAlerts(SessionQuery query);

    /// <summary>
    /// The lines of the snapshots of the query's system and window (its user is not applied: users are hashed per
    /// machine), oldest month first and in arrival order; with Last only the newest N, in that order.
    /// </summary>
    IEnumerable<string> ReadSnapshots(SnapshotQuery query);
}
