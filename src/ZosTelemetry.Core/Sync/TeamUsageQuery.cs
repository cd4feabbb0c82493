// What a reader asks a team database to sum in SQL (report daily|monthly, savings): the events of [From, Until), of one
// system or all, each put in a period by the interval of Bounds it falls in. The intervals and their periods are made
// here, in .NET, from the same time-zone rules the local report uses (TeamPeriods), so the database never needs to know
// a zone's name or its rules, and a day begins in the database exactly where it begins in the local store.
namespace ZosTelemetry.Sync;

public sealed class TeamUsageQuery
{
    public string? System { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset Until { get; init; }

    /// <summary>The intervals' starts, ascending, the first at From: an event at t is in the last one that starts at or before t.</summary>
    public required IReadOnlyList<DateTimeOffset> Bounds { get; init; }

    /// <summary>Each interval's period key (a day or month number, 0 for a single window), or -1: outside the report.</summary>
    public required IReadOnlyList<int> Periods { get; init; }
}

/// <summary>
/// The sums of one period's events of one system, model, tier and cost class (recorded cost or not, tokens or not): the
/// same grouping the store's daily facts keep per slot, so a report folds either with one rule.
/// </summary>
public sealed class TeamUsageRow
{
    public int Period { get; init; }
    public string System { get; init; } = "";
    public string? Model { get; init; }
    public string? Tier { get; init; }
    public bool RecordedCost { get; init; }
    public bool Tokens { get; init; }
    public long Events { get; init; }

    /// <summary>Events with a recorded cost above 0.</summary>
    public long PositiveCost { get; init; }
    public long TokensIn { get; init; }
    public long TokensOut { get; init; }
    public long CacheRead { get; init; }
    public long CacheWrite { get; init; }

    /// <summary>The sum of the recorded costs (0 where none was recorded).</summary>
    public double Cost { get; init; }
}

/// <summary>How many distinct sessions had events in one period of one system.</summary>
public sealed class TeamPeriodSessions
{
    public int Period { get; init; }
    public string System { get; init; } = "";
    public long Sessions { get; init; }
}

/// <summary>
/// One session's counts over its events in the report's periods, with one of its sums per model, tier and cost class
/// (null for a session whose events carry no usage): the session report's rows, as a team database counts and sums them.
/// </summary>
public sealed class TeamSessionUsageRow
{
    public string SessionId { get; init; } = "";
    public string System { get; init; } = "";
    public DateTimeOffset First { get; init; }
    public DateTimeOffset Last { get; init; }
    public long UserTurns { get; init; }

    /// <summary>User turns with a correction marker.</summary>
    public long Corrections { get; init; }
    public long ToolCalls { get; init; }

    /// <summary>Tool results with the tool.error marker.</summary>
    public long ToolFailures { get; init; }
    public long ApiErrors { get; init; }
    public long Interrupts { get; init; }
    public TeamUsageRow? Usage { get; init; }
}
