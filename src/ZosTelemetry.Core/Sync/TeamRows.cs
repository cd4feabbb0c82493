// The listings of a team database (sessions, alerts, snapshots) read by query: the server selects the rows (the latest
// summary per session, the filters, the newest N) and sends only their lines; each line is parsed and filtered here by
// the same readers and filters a local store's scan uses, so a listing over a database is the local one, row for row.
using System.Text;
using ZosTelemetry.Alerts;
using ZosTelemetry.Sessions;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public static class TeamRows
{
    /// <summary>
    /// Why a user filter cannot apply to a team database: users are stored as hashes keyed by each machine's own
    /// user.key, which never leaves the machine, so no key can hash a name to match every machine's rows.
    /// </summary>
    public const string UserFilterRefused =
        "a user filter cannot read a team database: each machine stores its users as hashes keyed by its own user.key, which is never synced, " +
        "so no name can be matched across machines. Filter a local store (--root, -Root) instead.";

    /// <summary>The latest summary of each matching session, newest close first: TelemetryStore.StreamSessions's rows.</summary>
    public static IEnumerable<SessionSummary> StreamSessions(ITeamDatabase database, SessionQuery query, Action<StoreWarning>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var filter = new SessionFilter(query);
        Utf8Names systems = new(), contexts = new(), models = new();
        long row = 0;
        foreach (string line in database.ReadLatestSessions(query))
        {
            row++;
            if (!SessionRowReader.TryRead(Encoding.UTF8.GetBytes(line), out var facts, out string? reason))
            {
                warn?.Invoke(new StoreWarning(database.Display, row, reason ?? "unreadable session summary"));
            }
            else if (filter.Matches(facts))
            {
                yield return SessionRowReader.ToSummary(facts, systems, contexts, models);
            }
        }
    }

    /// <summary>The same, ordered by first activity, then id: TelemetryStore.ReadSessions's rows.</summary>
    public static IReadOnlyList<SessionSummary> ReadSessions(ITeamDatabase database, SessionQuery query, Action<StoreWarning>? warn = null) =>
        StreamSessions(database, query, warn)
            .OrderBy(s => s.FirstTimestamp)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The stored alerts of the sessions the query matches, in a local store's file order.</summary>
    public static IEnumerable<TelemetryAlert> ReadAlerts(ITeamDatabase database, SessionQuery query, Action<StoreWarning>? warn = null) =>
        Parse<TelemetryAlert>(database, database.ReadAlerts(query), RowCodec.TryParseAlert, warn);

    /// <summary>The snapshots that match, newest last: TelemetryStore.ReadSnapshots's rows (a user filter cannot apply).</summary>
    public static IEnumerable<QualitySnapshot> ReadSnapshots(ITeamDatabase database, SnapshotQuery query, Action<StoreWarning>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (query.User is not null)
        {
            throw new ArgumentException(UserFilterRefused);
        }

        if (query.Last < 0)
        {
            throw new ArgumentException("The number of snapshots to read is 0 or more.");
        }

        return Parse<QualitySnapshot>(database, database.ReadSnapshots(query), SnapshotRowCodec.TryParse, warn).Where(query.Matches);
    }

    private static IEnumerable<T> Parse<T>(ITeamDatabase database, IEnumerable<string> lines, TelemetryStore.RowParser<T> parse, Action<StoreWarning>? warn)
        where T : class
    {
        long row = 0;
        foreach (string line in lines)
        {
            row++;
            if (parse(Encoding.UTF8.GetBytes(line), out T? parsed, out string? reason))
            {
                yield return parsed!;
            }
            else
            {
                warn?.Invoke(new StoreWarning(database.Display, row, reason ?? "unreadable row"));
            }
        }
    }
}
